import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rows } from '../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { cycleAnswer, cycleQuery } from '../contract';

type Answer = z.infer<typeof cycleAnswer>;
const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * For each won deal the caller can see: first touch (the earlier of its account's creation and its own;
 * there is no activities table yet), deal created, won, first order booked, that order paid, and the
 * days between; and by month of winning, how many were won and paid and the median days from first touch
 * to payment, so a shortening cycle shows. All in one SQL statement.
 */
export async function prospectToPayment(
  ctx: RequestContext,
  deals: ResolvedObject,
  query: z.infer<typeof cycleQuery>,
): Promise<Answer> {
  const from = query.from ?? '1900-01-01';
  const to = query.to ?? '9999-12-31';
  const [answer] = await ctx.db
    .read((x) =>
      rows<Answer>(
        x,
        sql`WITH won AS (
          SELECT t.id, t.name, t.account_id, t.created_at, t.closed_at,
            least(t.created_at, coalesce(a.created_at, t.created_at)) AS first_touch,
            o.booked_at, o.paid_at
          FROM deals t
          LEFT JOIN accounts a ON a.workspace_id = t.workspace_id AND a.id = t.account_id
          LEFT JOIN LATERAL (
            SELECT booked_at, paid_at FROM orders o
            WHERE o.workspace_id = t.workspace_id AND o.deal_id = t.id AND o.deleted_at IS NULL AND o.status <> 'cancelled'
            ORDER BY o.booked_at LIMIT 1) o ON true
          WHERE t.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.forecast_category = 'closedWon'
            AND t.closed_at IS NOT NULL AND t.closed_at::date BETWEEN ${from}::date AND ${to}::date
            AND ${visibleTo(ctx, deals)}
        ), steps AS (
          SELECT *, extract(epoch FROM paid_at - first_touch) / 86400 AS total_days FROM won
        )
        SELECT json_build_object(
          'data', coalesce((SELECT json_agg(json_build_object(
              'dealId', id, 'dealName', name, 'accountId', account_id,
              'firstTouchAt', ${iso('first_touch')}, 'dealCreatedAt', ${iso('created_at')}, 'wonAt', ${iso('closed_at')},
              'bookedAt', ${iso('booked_at')}, 'paidAt', ${iso('paid_at')},
              'daysToDeal', round((extract(epoch FROM created_at - first_touch) / 86400)::numeric, 1),
              'daysToWin', round((extract(epoch FROM closed_at - created_at) / 86400)::numeric, 1),
              'daysToBook', round((extract(epoch FROM booked_at - closed_at) / 86400)::numeric, 1),
              'daysToPay', round((extract(epoch FROM paid_at - booked_at) / 86400)::numeric, 1),
              'prospectToPaymentDays', round(total_days::numeric, 1)) ORDER BY closed_at DESC, id)
            FROM (SELECT * FROM steps ORDER BY closed_at DESC, id LIMIT ${query.limit}) s), '[]'::json),
          'byMonth', coalesce((SELECT json_agg(m ORDER BY m.month) FROM (
              SELECT to_char(date_trunc('month', closed_at), 'YYYY-MM') AS month, count(*)::int AS "wonDeals",
                count(paid_at)::int AS "paidDeals",
                round((percentile_cont(0.5) WITHIN GROUP (ORDER BY total_days))::numeric, 1)::float8 AS "medianProspectToPaymentDays",
                round(avg(total_days)::numeric, 1)::float8 AS "averageProspectToPaymentDays"
              FROM steps GROUP BY 1) m), '[]'::json)) AS answer`,
      ),
    )
    .then((r) => r.map((row) => (row as unknown as { answer: Answer }).answer));
  return answer;
}
