import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../../../server/engine';
import { available, perRange, rangeFrom, rangeTo, type Measure } from './measure';

/** Open deals and key accounts (lifecycle stage customer), with when they began and stopped being so. */
function targets(ctx: RequestContext) {
  const ws = ctx.workspace.id;
  return sql`targets AS MATERIALIZED (
      SELECT 'deals' AS object, d.id, d.created_at, d.closed_at AS ended_at FROM deals d
      WHERE d.workspace_id = ${ws} AND d.deleted_at IS NULL
      UNION ALL
      SELECT 'accounts', a.id, a.created_at, NULL FROM accounts a
      WHERE a.workspace_id = ${ws} AND a.deleted_at IS NULL AND a.lifecycle_stage = 'customer')`;
}

export const activityCoverage: Measure = {
  id: 'activityCoverage',
  label: 'Activity coverage',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description:
    'Deals open at the end of the last 14 days and key accounts (lifecycle stage customer, as they are now) with an activity linked to them in those 14 days, as a share of them.',
  windowDays: 14,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activity_links l
            WHERE l.workspace_id = ${ctx.workspace.id} AND l.object = t.object AND l.record_id = t.id
              AND l.at >= ${rangeFrom} AND l.at < ${rangeTo}))::numeric / nullif(count(*), 0), 4)
        FROM targets t WHERE t.created_at < ${rangeTo} AND (t.ended_at IS NULL OR t.ended_at >= ${rangeTo}))`,
      { ctes: targets(ctx) },
    ),
};
