import { sql } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/engine';
import { perRange, rangeFrom, rangeTo, type Measure } from './measure';

/** The workspace's total forecast for each quarter, from the weekly snapshots the forecast job takes. */
const quarterSnapshots = (ctx: RequestContext) =>
  sql`forecast_snapshots s WHERE s.workspace_id = ${ctx.workspace.id}
    AND s.group_by = 'owner' AND s.key = 'total' AND s.period LIKE '%-Q_'`;

/**
 * Each quarter that is over (snapshots went on past it): the commit of its first weekly snapshot, and
 * what had closed won by its last.
 */
const quartersOver = (ctx: RequestContext) => sql`quarters AS (
    SELECT s.period, (array_agg(s.commit ORDER BY s.week))[1] AS first_commit,
      (array_agg(s.closed_won ORDER BY s.week DESC))[1] AS won, max(s.week) AS last_week
    FROM ${quarterSnapshots(ctx)}
    GROUP BY s.period
    HAVING count(*) >= 2 AND max(s.week) < (SELECT max(s.week) FROM ${quarterSnapshots(ctx)}))`;

export const forecastAccuracy: Measure = {
  id: 'forecastAccuracy',
  label: 'Forecast accuracy',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description:
    "1 minus the gap between a quarter's committed forecast at its first weekly snapshot and what had closed won by its last, as a share of what was won; averaged over the quarters that ended in the last 90 days.",
  windowDays: 90,
  unavailable: async (ctx) => {
    const [found] = await ctx.db.read((x) =>
      rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM ${quarterSnapshots(ctx)}`),
    );
    return found.n >= 2
      ? null
      : 'needs the weekly forecast snapshots of a quarter (the forecast job takes one every Monday)';
  },
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(avg(greatest(0, 1 - abs(q.first_commit - q.won) / q.won)), 4) FROM quarters q
        WHERE q.won > 0 AND q.last_week >= ${rangeFrom}::date AND q.last_week < ${rangeTo}::date)`,
      { ctes: quartersOver(ctx) },
    ),
};
