import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { Forbidden } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import { rateToBase } from '../../deals/server';
import type { marginAnswer, marginQuery, revenueAnswer, revenueQuery } from '../contract';

/** Margins come from cost prices: a role that may not see them may not see margins either. */
export function assertSeesCost(products: ResolvedObject) {
  if (!products.fields.has('costPrice'))
    throw new Forbidden('Your role may not see cost prices, nor margins');
}

/**
 * The rate into the base currency of each day since a currency's first rate, computed once per
 * currency and day (a few thousand rows) rather than once per order line. Bookings are never in the
 * future, so the days end a year ahead.
 */
function dailyRates(ctx: RequestContext): SQL {
  return sql`SELECT c.currency, d.day::date AS day, ${rateToBase(ctx, sql`c.currency`, sql`d.day::date`)} AS rate
    FROM (SELECT currency, min(valid_from) AS first FROM exchange_rates
      WHERE workspace_id = ${ctx.workspace.id} AND base_currency = ${ctx.workspace.baseCurrency} GROUP BY currency) c
    CROSS JOIN LATERAL generate_series(c.first, current_date + 366, interval '1 day') d(day)`;
}

/** The booked lines of live, not cancelled orders the caller can see, with revenue and cost in base currency. */
function lines(ctx: RequestContext, orders: ResolvedObject, from: SQL, to: SQL, accountId?: string): SQL {
  const base = ctx.workspace.baseCurrency;
  return sql`SELECT l.*, round(l.net * CASE WHEN l.currency = ${base} THEN 1 ELSE r.rate END, 2) AS revenue,
      l.quantity * coalesce(l.unit_cost, 0) AS cost
    FROM order_lines l JOIN orders t ON t.workspace_id = l.workspace_id AND t.id = l.order_id
      LEFT JOIN (${dailyRates(ctx)}) r ON r.currency = l.currency AND r.day = l.booked_at::date
    WHERE l.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.status <> 'cancelled'
      AND l.booked_at >= ${from} AND l.booked_at < ${to} + 1 AND ${visibleTo(ctx, orders)}
      ${accountId ? sql`AND l.account_id = ${accountId}` : sql``}`;
}

/** What margins group by: a line's column, and the table that names it. */
const groupings = {
  deal: { key: sql`l.deal_id`, table: sql.raw('deals') },
  account: { key: sql`l.account_id`, table: sql.raw('accounts') },
  product: { key: sql`l.product_id`, table: sql.raw('products') },
  owner: { key: sql`l.owner_id`, table: sql.raw('users') },
};

/** Revenue, cost and margin in the base currency by deal, account, product or owner, best margin first. */
export async function marginBy(
  ctx: RequestContext,
  orders: ResolvedObject,
  query: z.infer<typeof marginQuery>,
): Promise<z.infer<typeof marginAnswer>> {
  const g = groupings[query.by];
  const data = await ctx.db.read((x) =>
    rows<z.infer<typeof marginAnswer>['data'][number]>(
      x,
      // Names are looked up for the page's groups only, after grouping and ordering.
      sql`SELECT m.key::text AS key, (SELECT n.name FROM ${g.table} n WHERE n.workspace_id = m.workspace_id AND n.id = m.key) AS name,
          m.revenue::text, m.cost::text, (m.revenue - m.cost)::text AS margin,
          CASE WHEN m.revenue = 0 THEN NULL ELSE round((m.revenue - m.cost) * 100 / m.revenue, 2)::text END AS "marginPercent"
        FROM (SELECT * FROM (SELECT ${g.key} AS key, l.workspace_id, coalesce(sum(l.revenue), 0)::numeric(18,2) AS revenue,
              sum(l.cost)::numeric(18,2) AS cost
            FROM (${lines(ctx, orders, sql`${query.from ?? '1900-01-01'}::date`, sql`${query.to ?? '9999-12-30'}::date`, query.accountId)}) l
            GROUP BY 1, 2) grouped
          ORDER BY revenue - cost DESC, key::text LIMIT ${query.limit}) m
        ORDER BY m.revenue - m.cost DESC, m.key::text`,
    ),
  );
  return { currency: ctx.workspace.baseCurrency, data };
}

const step = { month: '1 month', quarter: '3 months', year: '1 year' } as const;
const perYear = { month: 12, quarter: 4, year: 1 } as const;

/**
 * Revenue and margin per period in the base currency, with growth against the previous period and the
 * same period a year before. The series starts a year early so both comparisons exist for the first period.
 */
export async function revenueByPeriod(
  ctx: RequestContext,
  orders: ResolvedObject,
  query: z.infer<typeof revenueQuery>,
): Promise<z.infer<typeof revenueAnswer>> {
  const unit = sql.raw(`'${query.period}'`);
  const growth = (now: SQL, then: SQL) =>
    sql`CASE WHEN ${then} = 0 THEN NULL ELSE round((${now} - ${then}) * 100 / abs(${then}), 2)::text END`;
  const data = await ctx.db.read((x) =>
    rows<z.infer<typeof revenueAnswer>['data'][number]>(
      x,
      sql`WITH periods AS (
          SELECT generate_series(date_trunc(${unit}, ${query.from}::date - interval '1 year'),
            date_trunc(${unit}, ${query.to}::date), ${step[query.period]}::interval) AS start
        ), booked AS (
          SELECT date_trunc(${unit}, l.booked_at AT TIME ZONE 'UTC') AS start, sum(l.revenue) AS revenue, sum(l.cost) AS cost
          FROM (${lines(ctx, orders, sql`(${query.from}::date - interval '1 year')::date`, sql`(date_trunc(${unit}, ${query.to}::date) + ${step[query.period]}::interval)::date - 1`)}) l GROUP BY 1
        ), series AS (
          SELECT p.start, coalesce(b.revenue, 0)::numeric(18,2) AS revenue,
            coalesce(b.revenue - b.cost, 0)::numeric(18,2) AS margin
          FROM periods p LEFT JOIN booked b ON b.start = p.start
        ), compared AS (
          SELECT start, revenue, margin,
            coalesce(lag(revenue) OVER w, 0) AS previous, coalesce(lag(margin) OVER w, 0) AS previous_margin,
            coalesce(lag(revenue, ${perYear[query.period]}) OVER w, 0) AS last_year,
            coalesce(lag(margin, ${perYear[query.period]}) OVER w, 0) AS last_year_margin
          FROM series WINDOW w AS (ORDER BY start)
        )
        SELECT to_char(start, ${query.period === 'month' ? 'YYYY-MM' : query.period === 'quarter' ? 'YYYY-"Q"Q' : 'YYYY'}) AS period,
          revenue::text, margin::text, previous::text AS "previousRevenue", ${growth(sql`revenue`, sql`previous`)} AS "revenueGrowthPercent",
          last_year::text AS "lastYearRevenue", ${growth(sql`revenue`, sql`last_year`)} AS "revenueGrowthVsLastYearPercent",
          ${growth(sql`margin`, sql`previous_margin`)} AS "marginGrowthPercent",
          last_year_margin::text AS "lastYearMargin", ${growth(sql`margin`, sql`last_year_margin`)} AS "marginGrowthVsLastYearPercent"
        FROM compared WHERE start >= date_trunc(${unit}, ${query.from}::date) ORDER BY start`,
    ),
  );
  return { currency: ctx.workspace.baseCurrency, data };
}
