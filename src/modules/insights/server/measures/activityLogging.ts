import { sql } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/engine';
import { perRange, rangeFrom, rangeTo, type Measure } from './measure';

/** Why the measure has nothing to count yet, or null when it has. */
async function unavailable(ctx: RequestContext): Promise<string | null> {
  const ws = ctx.workspace.id;
  const [found] = await ctx.db.read((x) =>
    rows<{ reps: boolean; logged: boolean }>(
      x,
      sql`SELECT EXISTS (SELECT 1 FROM deals d JOIN users u ON u.workspace_id = d.workspace_id AND u.id = d.owner_id
            WHERE d.workspace_id = ${ws} AND d.deleted_at IS NULL AND NOT u.disabled) AS reps,
          EXISTS (SELECT 1 FROM activities a WHERE a.workspace_id = ${ws} AND a.deleted_at IS NULL
            AND a.created_by IS NOT NULL) AS logged`,
    ),
  );
  if (!found.reps) return 'needs reps: users who own deals (no enabled user owns one yet)';
  if (!found.logged) return 'needs activities logged by users (none has logged one yet)';
  return null;
}

export const repsLoggingWeekly: Measure = {
  id: 'repsLoggingWeekly',
  label: 'Reps logging activity weekly',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description:
    'Reps who logged at least one activity themselves in each of the last 4 weeks (7-day periods counted back from the end), as a share of the reps: enabled users who own a deal open at the end (as deals are owned now) and who joined before the first of those weeks. Activities captured from email or written by automation were logged by no one and do not count; nor do those in the recycle bin.',
  windowDays: 28,
  unavailable,
  // Whole weeks only: a period of 10 days is its last 7; one shorter than a week has no figure.
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT CASE WHEN w.weeks >= 1 THEN (
          SELECT round(count(*) FILTER (WHERE l.weeks = w.weeks)::numeric / nullif(count(*), 0), 4)
          FROM users u LEFT JOIN (
            SELECT a.created_by AS user_id,
              count(DISTINCT floor(extract(epoch FROM ${rangeTo} - a.created_at) / 604800)) AS weeks
            FROM activities a WHERE a.workspace_id = ${ctx.workspace.id} AND a.deleted_at IS NULL
              AND a.created_at >= w.start AND a.created_at < ${rangeTo}
            GROUP BY a.created_by) l ON l.user_id = u.id
          WHERE u.workspace_id = ${ctx.workspace.id} AND NOT u.disabled AND u.created_at <= w.start
            AND EXISTS (SELECT 1 FROM deals d WHERE d.workspace_id = u.workspace_id AND d.owner_id = u.id
              AND d.deleted_at IS NULL AND d.created_at < ${rangeTo} AND (d.closed_at IS NULL OR d.closed_at >= ${rangeTo})))
        END
        FROM (SELECT k.weeks, ${rangeTo} - make_interval(days => 7 * k.weeks) AS start
          FROM (SELECT floor(extract(epoch FROM ${rangeTo} - ${rangeFrom}) / 604800)::int AS weeks) k) w)`,
    ),
};
