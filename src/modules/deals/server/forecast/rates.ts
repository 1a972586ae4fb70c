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
 * A CTE body of each currency's rates as ranges of days `[valid_from, valid_to)` (the base currency at 1
 * for all days), for reports over deals of any close date: join on currency and the day within the range.
 */
export function rateRanges(ctx: RequestContext): SQL {
  const base = ctx.workspace.baseCurrency;
  return sql`SELECT currency, rate, valid_from, lead(valid_from) OVER (PARTITION BY currency ORDER BY valid_from) AS valid_to
      FROM exchange_rates WHERE workspace_id = ${ctx.workspace.id} AND base_currency = ${base}
    UNION ALL SELECT ${base}::text, 1::numeric, '-infinity'::date, NULL::date`;
}

/** The join condition of a deal alias `t` to `rateRanges` alias `r`, at the deal's close date (today without one). */
export const rateOfCloseDay = sql`r.currency = t.currency AND coalesce(t.close_date, current_date) >= r.valid_from
  AND (r.valid_to IS NULL OR coalesce(t.close_date, current_date) < r.valid_to)`;
