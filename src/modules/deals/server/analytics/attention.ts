import { sql } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { DealsNeedingAttention } from '../../contract';
import type { AnalyticsScope } from './scope';

const dealColumns = (s: AnalyticsScope) => sql`t.id, t.name, t.owner_id AS "ownerId", u.name AS "ownerName",
  t.stage_id AS "stageId", ${s.access.money ? sql`t.amount::text` : sql`NULL::text`} AS amount, t.currency,
  t.close_date::text AS "closeDate"`;
const owner = sql`LEFT JOIN users u ON u.workspace_id = t.workspace_id AND u.id = t.owner_id`;

/**
 * When a deal (alias `t`) was last touched: changed, or the latest activity linked to it that has
 * happened (a task due later is not a touch yet). The activity is one backward step of the
 * activity_links index by linked record.
 */
const lastTouched = sql`greatest(t.updated_at, (SELECT max(l.at) FROM activity_links l
  WHERE l.workspace_id = t.workspace_id AND l.object = 'deals' AND l.record_id = t.id AND l.at <= now()))`;

/**
 * Open deals that need someone: stale ones (no change and no activity for the pipeline's stale days, 30
 * when unset), longest idle first, and slipped ones (close date moved to a later month within the range,
 * as the deals' field history records it), latest first. Amounts are null for a role they are hidden from.
 */
export async function staleAndSlipped(s: AnalyticsScope) {
  const ws = s.ctx.workspace.id;
  const found = await s.ctx.db.read(async (x) => ({
    stale: await rows<Record<string, unknown> & { idleDays: number }>(
      x,
      sql`SELECT ${dealColumns(s)}, floor(extract(epoch FROM now() - touch.at) / 86400)::int AS "idleDays"
        FROM deals t JOIN pipelines p ON p.workspace_id = t.workspace_id AND p.id = t.pipeline_id ${owner}
        CROSS JOIN LATERAL (SELECT ${lastTouched} AS at) touch
        WHERE ${s.deals} AND t.closed_at IS NULL
          AND t.updated_at < now() - make_interval(days => coalesce(p.stale_after_days, 30))
          AND touch.at < now() - make_interval(days => coalesce(p.stale_after_days, 30))
        ORDER BY touch.at, t.id LIMIT ${s.limit}`,
    ),
    slipped: await rows<Record<string, unknown> & { previousCloseDate: string; slippedAt: string }>(
      x,
      sql`SELECT DISTINCT ON (t.id) ${dealColumns(s)}, c->>'from' AS "previousCloseDate",
          to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "slippedAt"
        FROM record_history h CROSS JOIN LATERAL jsonb_array_elements(h.changes) c
        JOIN deals t ON t.workspace_id = h.workspace_id AND t.id = h.record_id ${owner}
        WHERE h.workspace_id = ${ws} AND h.object = 'deals' AND ${s.deals} AND t.closed_at IS NULL
          AND h.at >= ${s.from}::date AND h.at < ${s.to}::date + 1
          AND h.changes @> '[{"field": "closeDate"}]' AND c->>'field' = 'closeDate'
          AND c->>'from' IS NOT NULL AND c->>'to' IS NOT NULL
          AND date_trunc('month', (c->>'to')::date) > date_trunc('month', (c->>'from')::date)
        ORDER BY t.id, h.at DESC LIMIT ${s.limit}`,
    ),
  }));
  found.slipped.sort((a, b) => b.slippedAt.localeCompare(a.slippedAt));
  return found;
}

/**
 * The caller's own open deals that need them, worst first: close date passed (the oldest date first),
 * then gone stale (no change and no activity for the pipeline's stale days; the longest idle first),
 * then without a next step. Reads the
 * owner's deals by `deals_owner_close_idx`.
 */
export async function myDealsNeedingAttention(s: AnalyticsScope): Promise<DealsNeedingAttention> {
  const staleBefore = sql`now() - make_interval(days => coalesce(p.stale_after_days, 30))`;
  const data = await s.ctx.db.read((x) =>
    rows<DealsNeedingAttention['data'][number]>(
      x,
      sql`SELECT id, name, "ownerId", "ownerName", "stageId", amount, currency, "closeDate", "idleDays", reasons
        FROM (
          SELECT ${dealColumns(s)}, floor(extract(epoch FROM now() - touch.at) / 86400)::int AS "idleDays",
            array_remove(ARRAY[
              CASE WHEN t.close_date < current_date THEN 'closeDatePassed' END,
              CASE WHEN touch.at < ${staleBefore} THEN 'stale' END,
              CASE WHEN coalesce(btrim(t.next_step), '') = '' THEN 'noNextStep' END], NULL) AS reasons,
            t.close_date AS sort_close, touch.at AS sort_touch
          FROM deals t JOIN pipelines p ON p.workspace_id = t.workspace_id AND p.id = t.pipeline_id ${owner}
          CROSS JOIN LATERAL (SELECT ${lastTouched} AS at) touch
          WHERE ${s.deals} AND t.owner_id = ${s.ctx.userId} AND t.closed_at IS NULL) d
        WHERE cardinality(reasons) > 0
        ORDER BY 'closeDatePassed' = ANY(reasons) DESC,
          CASE WHEN 'closeDatePassed' = ANY(reasons) THEN sort_close END, 'stale' = ANY(reasons) DESC, sort_touch, id
        LIMIT ${s.limit}`,
    ),
  );
  return { data };
}
