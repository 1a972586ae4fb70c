import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { Forbidden } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { seesEvery, visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import { converted, rateToBase } from '../../deals/server';
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

const inBase = (ctx: RequestContext, amount: string) =>
  converted(
    sql.raw(amount),
    sql`CASE WHEN x.currency = ${ctx.workspace.baseCurrency} THEN 1 ELSE r.rate END`,
  );
const ratesOf = (ctx: RequestContext) =>
  sql`LEFT JOIN (${dailyRates(ctx)}) r ON r.currency = x.currency AND r.day = x.day`;

/** A period of booking days, `from` and `to` included. */
interface Days {
  from: SQL;
  to: SQL;
}

/**
 * The counting orders (live, not cancelled) the caller can see, booked in `days`: each with its deal,
 * account, owner at booking, its revenue in the base currency (its net at the booking day's rate, to
 * the cent, as the order's own `revenueInBase`) and its cost. Read from `order_sums`, one row per
 * order, joined to the orders only to leave out those a caller may not see.
 */
function orderFigures(ctx: RequestContext, orders: ResolvedObject, days: Days, accountId?: string): SQL {
  const visible = seesEvery(ctx, orders)
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM orders t WHERE t.workspace_id = x.workspace_id AND t.id = x.order_id
        AND ${visibleTo(ctx, orders)})`;
  return sql`SELECT x.order_id, x.deal_id, x.account_id, x.owner_id, x.day, ${inBase(ctx, 'x.net')} AS revenue, x.cost
    FROM order_sums x ${ratesOf(ctx)}
    WHERE x.workspace_id = ${ctx.workspace.id} AND x.counts AND x.day BETWEEN ${days.from} AND ${days.to} ${visible}
      ${accountId ? sql`AND x.account_id = ${accountId}` : sql``}`;
}

/**
 * The same by product: each product's lines summed per day and currency, then converted. One who sees
 * every order (and asks for no one account) reads the sums kept per day in `order_product_days`;
 * anyone else the lines of the orders they can see, summed the same way, so both answers agree to the cent.
 */
function productFigures(ctx: RequestContext, orders: ResolvedObject, days: Days, accountId?: string): SQL {
  const kept = seesEvery(ctx, orders) && !accountId;
  const sums = kept
    ? sql`SELECT product_id, day, currency, net, cost FROM order_product_days
        WHERE workspace_id = ${ctx.workspace.id} AND day BETWEEN ${days.from} AND ${days.to} AND lines > 0`
    : sql`SELECT l.product_id, (l.booked_at AT TIME ZONE 'UTC')::date AS day, l.currency, sum(l.net) AS net,
          sum(l.quantity * coalesce(l.unit_cost, 0)) AS cost
        FROM order_lines l JOIN orders t ON t.workspace_id = l.workspace_id AND t.id = l.order_id
        WHERE l.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.status <> 'cancelled'
          AND (l.booked_at AT TIME ZONE 'UTC')::date BETWEEN ${days.from} AND ${days.to} AND ${visibleTo(ctx, orders)}
          ${accountId ? sql`AND t.account_id = ${accountId}` : sql``}
        GROUP BY 1, 2, 3`;
  return sql`SELECT x.product_id, ${inBase(ctx, 'x.net')} AS revenue, x.cost FROM (${sums}) x ${ratesOf(ctx)}`;
}

/** What margins group by: a figure's column, the table that names it, and where the figures come from. */
const groupings = {
  deal: { key: sql`l.deal_id`, table: sql.raw('deals'), figures: orderFigures },
  account: { key: sql`l.account_id`, table: sql.raw('accounts'), figures: orderFigures },
  product: { key: sql`l.product_id`, table: sql.raw('products'), figures: productFigures },
  owner: { key: sql`l.owner_id`, table: sql.raw('users'), figures: orderFigures },
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
      sql`SELECT m.key::text AS key, (SELECT n.name FROM ${g.table} n WHERE n.workspace_id = ${ctx.workspace.id} AND n.id = m.key) AS name,
          m.revenue::text, m.cost::text, (m.revenue - m.cost)::text AS margin,
          CASE WHEN m.revenue = 0 THEN NULL ELSE round((m.revenue - m.cost) * 100 / m.revenue, 2)::text END AS "marginPercent"
        FROM (SELECT * FROM (SELECT ${g.key} AS key, coalesce(sum(l.revenue), 0)::numeric(18,2) AS revenue,
              sum(l.cost)::numeric(18,2) AS cost
            FROM (${g.figures(ctx, orders, { from: sql`${query.from ?? '1900-01-01'}::date`, to: sql`${query.to ?? '9999-12-31'}::date` }, query.accountId)}) l
            GROUP BY 1) grouped
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
          SELECT date_trunc(${unit}, l.day) AS start, sum(l.revenue) AS revenue, sum(l.cost) AS cost
          FROM (${orderFigures(ctx, orders, { from: sql`(${query.from}::date - interval '1 year')::date`, to: sql`(date_trunc(${unit}, ${query.to}::date) + ${step[query.period]}::interval)::date - 1` })}) l GROUP BY 1
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
