import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { rows } from '../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { CycleAnswer, cycleQuery } from '../contract';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const days = (later: string, earlier: string) => `extract(epoch FROM ${later} - ${earlier}) / 86400`;
const median = (column: string) =>
  sql.raw(`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}))::numeric, 1)::float8`);
/** A literal, not a parameter, so that the planner can use a partial index on exactly this condition. */
const lifecycleChanged = sql.raw(`h.changes @> '[{"field": "lifecycleStage"}]'::jsonb`);

/**
 * The first touch of won deal `t`: the earliest activity linked to the deal, its account, the account's
 * people or the deal's own contacts, or the earliest change of the account's or those people's lifecycle
 * stage (a record created with a stage counts from its creation); never later than the deal's creation.
 * Each record costs one probe of the activity_links index and one of record_history's lifecycle changes,
 * so the cost follows the number of people, not of activities or changes. Every activity counts, whoever
 * may see it: the first touch is a date, the same for everyone who looks at the deal.
 */
const firstTouch = sql`least(t.created_at, (
  SELECT min(f.at) FROM (
      SELECT 'deals'::text AS object, t.id
      UNION SELECT 'accounts', t.account_id WHERE t.account_id IS NOT NULL
      UNION SELECT 'contacts', c.id FROM contacts c
        WHERE c.workspace_id = t.workspace_id AND c.account_id = t.account_id AND c.deleted_at IS NULL
      UNION SELECT 'contacts', (dc->>'contactId')::uuid FROM jsonb_array_elements(coalesce(t.contacts, '[]'::jsonb)) dc
    ) s
    CROSS JOIN LATERAL (
      SELECT min(l.at) AS at FROM activity_links l
        WHERE l.workspace_id = t.workspace_id AND l.object = s.object AND l.record_id = s.id
      UNION ALL
      SELECT min(h.at) FROM record_history h
        WHERE s.object <> 'deals' AND h.workspace_id = t.workspace_id AND h.object = s.object
          AND h.record_id = s.id AND ${lifecycleChanged}
    ) f))`;

/** The medians of the steps over the deals of `steps` (grouped or not by the caller). */
const medians = sql`count(*)::int AS "wonDeals", count(paid_at)::int AS "paidDeals",
  ${median('days_to_deal')} AS "medianDaysToDeal", ${median('days_to_win')} AS "medianDaysToWin",
  ${median('days_to_book')} AS "medianDaysToBook", ${median('days_to_pay')} AS "medianDaysToPay",
  ${median('total_days')} AS "medianProspectToPaymentDays",
  round(avg(total_days)::numeric, 1)::float8 AS "averageProspectToPaymentDays"`;

const periodLabel: Record<z.infer<typeof cycleQuery>['period'], SQL> = {
  month: sql.raw(`to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM')`),
  quarter: sql.raw(`to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-"Q"Q')`),
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
  const from = query.from ?? '1900-01-01';
  const to = query.to ?? '9999-12-31';
  const period = periodLabel[query.period];
  const [answer] = await ctx.db
    .read((x) =>
      rows<{ answer: CycleAnswer }>(
        x,
        sql`WITH won AS MATERIALIZED (
          SELECT t.id, t.name, t.account_id, t.created_at, t.closed_at, ${firstTouch} AS first_touch,
            o.booked_at, o.paid_at
          FROM deals t
          LEFT JOIN LATERAL (
            SELECT booked_at, paid_at FROM orders o
            WHERE o.workspace_id = t.workspace_id AND o.deal_id = t.id AND o.deleted_at IS NULL AND o.status <> 'cancelled'
            ORDER BY o.booked_at LIMIT 1) o ON true
          WHERE t.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.forecast_category = 'closedWon'
            AND t.closed_at IS NOT NULL AND t.closed_at::date BETWEEN ${from}::date AND ${to}::date
            AND ${visibleTo(ctx, deals)}
        ), steps AS (
          SELECT *, ${sql.raw(days('created_at', 'first_touch'))} AS days_to_deal,
            ${sql.raw(days('closed_at', 'created_at'))} AS days_to_win,
            ${sql.raw(days('booked_at', 'closed_at'))} AS days_to_book,
            ${sql.raw(days('paid_at', 'booked_at'))} AS days_to_pay,
            ${sql.raw(days('paid_at', 'first_touch'))} AS total_days
          FROM won
        )
        SELECT json_build_object(
          'data', coalesce((SELECT json_agg(json_build_object(
              'dealId', id, 'dealName', name, 'accountId', account_id,
              'firstTouchAt', ${iso('first_touch')}, 'dealCreatedAt', ${iso('created_at')}, 'wonAt', ${iso('closed_at')},
              'bookedAt', ${iso('booked_at')}, 'paidAt', ${iso('paid_at')},
              'daysToDeal', round(days_to_deal::numeric, 1), 'daysToWin', round(days_to_win::numeric, 1),
              'daysToBook', round(days_to_book::numeric, 1), 'daysToPay', round(days_to_pay::numeric, 1),
              'prospectToPaymentDays', round(total_days::numeric, 1)) ORDER BY closed_at DESC, id)
            FROM (SELECT * FROM steps ORDER BY closed_at DESC, id LIMIT ${query.limit}) s), '[]'::json),
          'overall', (SELECT row_to_json(m) FROM (SELECT ${medians} FROM steps) m),
          'byPeriod', coalesce((SELECT json_agg(m ORDER BY m.period) FROM (
              SELECT ${period} AS period, ${medians} FROM steps GROUP BY 1) m), '[]'::json)) AS answer`,
      ),
    )
    .then((r) => r.map((row) => row.answer));
  return answer;
}
