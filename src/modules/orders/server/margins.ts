import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { Forbidden } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import { inBaseCurrency } from '../../deals/server';
import type { marginAnswer, marginQuery, revenueAnswer, revenueQuery } from '../contract';

/** Margins come from cost prices: a role that may not see them may not see margins either. */
export function assertSeesCost(products: ResolvedObject) {
  if (!products.fields.has('costPrice'))
    throw new Forbidden('Your role may not see cost prices, nor margins');
}

/** The booked lines of live, not cancelled orders the caller can see, with revenue and cost in base currency. */
function lines(ctx: RequestContext, orders: ResolvedObject, from: SQL, to: SQL, accountId?: string): SQL {
  const revenue = inBaseCurrency(ctx, sql`l.net`, sql`l.currency`, sql`l.booked_at::date`);
  return sql`SELECT l.*, ${revenue} AS revenue, l.quantity * coalesce(l.unit_cost, 0) AS cost
    FROM order_lines l JOIN orders t ON t.workspace_id = l.workspace_id AND t.id = l.order_id
    WHERE l.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.status <> 'cancelled'
      AND l.booked_at >= ${from} AND l.booked_at < ${to} + 1 AND ${visibleTo(ctx, orders)}
      ${accountId ? sql`AND l.account_id = ${accountId}` : sql``}`;
}

const groupings = {
  deal: {
    key: sql`l.deal_id`,
    name: sql`(SELECT name FROM deals d WHERE d.workspace_id = l.workspace_id AND d.id = l.deal_id)`,
  },
  account: {
    key: sql`l.account_id`,
    name: sql`(SELECT name FROM accounts a WHERE a.workspace_id = l.workspace_id AND a.id = l.account_id)`,
  },
  product: {
    key: sql`l.product_id`,
    name: sql`(SELECT name FROM products p WHERE p.workspace_id = l.workspace_id AND p.id = l.product_id)`,
  },
  owner: {
    key: sql`l.owner_id`,
    name: sql`(SELECT name FROM users u WHERE u.workspace_id = l.workspace_id AND u.id = l.owner_id)`,
  },
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
      sql`SELECT key, name, revenue::text, cost::text, (revenue - cost)::text AS margin,
          CASE WHEN revenue = 0 THEN NULL ELSE round((revenue - cost) * 100 / revenue, 2)::text END AS "marginPercent"
        FROM (SELECT ${g.key}::text AS key, min(${g.name}) AS name, coalesce(sum(l.revenue), 0)::numeric(18,2) AS revenue,
            sum(l.cost)::numeric(18,2) AS cost
          FROM (${lines(ctx, orders, sql`${query.from ?? '1900-01-01'}::date`, sql`${query.to ?? '9999-12-30'}::date`, query.accountId)}) l GROUP BY ${g.key}) m
        ORDER BY revenue - cost DESC, key LIMIT ${query.limit}`,
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
            coalesce(lag(revenue, ${perYear[query.period]}) OVER w, 0) AS last_year
          FROM series WINDOW w AS (ORDER BY start)
        )
        SELECT to_char(start, ${query.period === 'month' ? 'YYYY-MM' : query.period === 'quarter' ? 'YYYY-"Q"Q' : 'YYYY'}) AS period,
          revenue::text, margin::text, previous::text AS "previousRevenue", ${growth(sql`revenue`, sql`previous`)} AS "revenueGrowthPercent",
          last_year::text AS "lastYearRevenue", ${growth(sql`revenue`, sql`last_year`)} AS "revenueGrowthVsLastYearPercent",
          ${growth(sql`margin`, sql`previous_margin`)} AS "marginGrowthPercent"
        FROM compared WHERE start >= date_trunc(${unit}, ${query.from}::date) ORDER BY start`,
    ),
  );
  return { currency: ctx.workspace.baseCurrency, data };
}
