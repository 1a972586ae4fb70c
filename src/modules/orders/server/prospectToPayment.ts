import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { rows } from '../../../server/db/database';
import { reportRead } from '../../../server/db/reportRead';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { CycleAnswer, cycleQuery } from '../contract';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
/** In float8 (date_part), not numeric (extract): five per won deal, sorted for the medians. */
const days = (later: string, earlier: string) => `date_part('epoch', ${later} - ${earlier}) / 86400`;
const median = (column: string) =>
  sql.raw(`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}))::numeric, 1)::float8`);
/**
 * The first touch of won deal `t`: the earliest activity linked to the deal, its account, the account's
 * live people or the deal's own contacts, or the earliest change of the account's or those people's
 * lifecycle stage (a record created with a stage counts from its creation); never later than the
 * deal's creation. Read from `first_touches`, kept by the write path: the deal's row with its named
 * people, and its account's with its people. Every activity counts, whoever may see it: the first
 * touch is a date, the same for everyone who looks at the deal.
 */
const firstTouch = sql`least(t.created_at, fd.people_at, fa.people_at)`;
const touches = sql`LEFT JOIN first_touches fd ON fd.workspace_id = t.workspace_id AND fd.object = 'deals' AND fd.record_id = t.id
  LEFT JOIN first_touches fa ON fa.workspace_id = t.workspace_id AND fa.object = 'accounts' AND fa.record_id = t.account_id`;

/**
 * Each deal's first live, not cancelled order: one pass over the workspace's orders in the order of
 * `orders_deal_idx`, joined to the won deals by hash rather than probed once per deal.
 */
const firstOrders = (ctx: RequestContext) =>
  sql`SELECT DISTINCT ON (o.deal_id) o.deal_id, o.booked_at, o.paid_at FROM orders o
    WHERE o.workspace_id = ${ctx.workspace.id} AND o.deleted_at IS NULL AND o.status <> 'cancelled' AND o.deal_id IS NOT NULL
    ORDER BY o.deal_id, o.booked_at, o.id`;

/** Won in the days asked for, on the column itself so that the planner can estimate it from its statistics. */
function wonBetween(query: z.infer<typeof cycleQuery>): SQL {
  const from = query.from ? sql`AND t.closed_at >= ${query.from}::date` : sql``;
  const to = query.to ? sql`AND t.closed_at < ${query.to}::date + 1` : sql``;
  return sql`${from} ${to}`;
}

/** The medians of the steps over the deals of `steps` (grouped or not by the caller). */
const medians = sql`count(*)::int AS "wonDeals", count(paid_at)::int AS "paidDeals",
  ${median('days_to_deal')} AS "medianDaysToDeal", ${median('days_to_win')} AS "medianDaysToWin",
  ${median('days_to_book')} AS "medianDaysToBook", ${median('days_to_pay')} AS "medianDaysToPay",
  ${median('total_days')} AS "medianProspectToPaymentDays",
  round(avg(total_days)::numeric, 1)::float8 AS "averageProspectToPaymentDays"`;

/** Periods are grouped by their start (a timestamp sorts faster than its label), then labelled. */
const periods: Record<z.infer<typeof cycleQuery>['period'], { start: SQL; label: SQL }> = {
  month: {
    start: sql.raw(`date_trunc('month', closed_at AT TIME ZONE 'UTC')`),
    label: sql.raw(`to_char(g.start, 'YYYY-MM')`),
  },
  quarter: {
    start: sql.raw(`date_trunc('quarter', closed_at AT TIME ZONE 'UTC')`),
    label: sql.raw(`to_char(g.start, 'YYYY-"Q"Q')`),
  },
};

/**
 * For each won deal the caller can see: first touch, deal created, won, first order booked, that order
 * paid, and the days between; over all of them and per month or quarter of winning, the median days of
 * each step, so a shortening cycle shows. All in one SQL statement.
 */
export async function prospectToPayment(
  ctx: RequestContext,
  deals: ResolvedObject,
  query: z.infer<typeof cycleQuery>,
): Promise<CycleAnswer> {
  const period = periods[query.period];
  const [answer] = await reportRead(ctx.db, (x) =>
    rows<{ answer: CycleAnswer }>(
      x,
      sql`WITH steps AS MATERIALIZED (
          SELECT t.id, t.account_id, t.created_at, t.closed_at, f.first_touch, o.booked_at, o.paid_at,
            ${sql.raw(days('t.created_at', 'f.first_touch'))} AS days_to_deal,
            ${sql.raw(days('t.closed_at', 't.created_at'))} AS days_to_win,
            ${sql.raw(days('o.booked_at', 't.closed_at'))} AS days_to_book,
            ${sql.raw(days('o.paid_at', 'o.booked_at'))} AS days_to_pay,
            ${sql.raw(days('o.paid_at', 'f.first_touch'))} AS total_days
          FROM deals t ${touches}
          LEFT JOIN (${firstOrders(ctx)}) o ON o.deal_id = t.id
          CROSS JOIN LATERAL (SELECT ${firstTouch} AS first_touch) f
          -- the conditions of deals_won_idx, which holds every column read here
          WHERE t.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.forecast_category = 'closedWon'
            AND t.closed_at IS NOT NULL ${wonBetween(query)} AND ${visibleTo(ctx, deals)}
        )
        SELECT json_build_object(
          'data', coalesce((SELECT json_agg(json_build_object(
              'dealId', id, 'dealName', (SELECT d.name FROM deals d WHERE d.workspace_id = ${ctx.workspace.id} AND d.id = s.id),
              'accountId', account_id,
              'firstTouchAt', ${iso('first_touch')}, 'dealCreatedAt', ${iso('created_at')}, 'wonAt', ${iso('closed_at')},
              'bookedAt', ${iso('booked_at')}, 'paidAt', ${iso('paid_at')},
              'daysToDeal', round(days_to_deal::numeric, 1), 'daysToWin', round(days_to_win::numeric, 1),
              'daysToBook', round(days_to_book::numeric, 1), 'daysToPay', round(days_to_pay::numeric, 1),
              'prospectToPaymentDays', round(total_days::numeric, 1)) ORDER BY closed_at DESC, id)
            FROM (SELECT * FROM steps ORDER BY closed_at DESC, id LIMIT ${query.limit}) s), '[]'::json),
          'overall', (SELECT row_to_json(m) FROM (SELECT ${medians} FROM steps) m),
          'byPeriod', coalesce((SELECT json_agg((to_jsonb(g) - 'start') || jsonb_build_object('period', ${period.label})
              ORDER BY g.start) FROM (SELECT ${period.start} AS start, ${medians} FROM steps GROUP BY 1) g), '[]'::json)) AS answer`,
    ),
  ).then((r) => r.map((row) => row.answer));
  return answer;
}
