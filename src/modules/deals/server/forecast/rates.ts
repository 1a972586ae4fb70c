import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../../../server/engine';

/**
 * A CTE body of every day from `start` up to `end` (exclusive) with each known currency's rate into the
 * base currency that day (the latest rate set on or before it, as `inBaseCurrency` reads it). Joining
 * deals on (currency, close_date) by equality lets PostgreSQL hash-join 100k deals to a few hundred
 * rows instead of running a rate lookup per deal. A currency with no rate yet that day has none here.
 */
export function dailyRates(ctx: RequestContext, start: string, end: string): SQL {
  const ws = ctx.workspace.id;
  const base = ctx.workspace.baseCurrency;
  return sql`SELECT c.currency, g.day::date AS day,
      CASE WHEN c.currency = ${base} THEN 1::numeric ELSE (
        SELECT x.rate FROM exchange_rates x
        WHERE x.workspace_id = ${ws} AND x.currency = c.currency AND x.base_currency = ${base}
          AND x.valid_from <= g.day::date
        ORDER BY x.valid_from DESC LIMIT 1) END AS rate
    FROM (SELECT DISTINCT currency FROM exchange_rates WHERE workspace_id = ${ws} AND base_currency = ${base}
          UNION SELECT ${base}::text) c
    CROSS JOIN generate_series(${start}::date, ${end}::date - 1, interval '1 day') AS g(day)`;
}

/** Each currency's rate into the base currency on one day: for values that have no day of their own. */
export function ratesOn(ctx: RequestContext, day: string): SQL {
  return dailyRates(ctx, day, nextDay(day));
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A CTE body of each currency's rates as two sorted arrays (days from, rates; the base currency at 1
 * from the beginning of time), for reports over deals of any close date: joined on currency alone,
 * a deal's rate is then a binary search (`width_bucket`) instead of a range join or a lookup per deal.
 */
export function rateArrays(ctx: RequestContext): SQL {
  const base = ctx.workspace.baseCurrency;
  return sql`SELECT currency, array_agg(valid_from ORDER BY valid_from) AS froms, array_agg(rate ORDER BY valid_from) AS rates
      FROM exchange_rates WHERE workspace_id = ${ctx.workspace.id} AND base_currency = ${base} AND currency <> ${base}
      GROUP BY currency
    UNION ALL SELECT ${base}::text, ARRAY['-infinity'::date], ARRAY[1::numeric]`;
}

/** The rate of `rateArrays` alias `r` on a day: null before the currency's first rate. */
export const rateOn = (day: SQL) => sql`r.rates[width_bucket(${day}, r.froms)]`;

/** The rate of `rateArrays` alias `r` for deal alias `t` at its close date (today without one). */
export const closeDayRate = rateOn(sql`coalesce(t.close_date, current_date)`);
