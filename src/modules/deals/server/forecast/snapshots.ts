import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { RequestContext, ResolvedObject } from '../../../../server/engine';
import type { ForecastAccuracy, ForecastGrouping, ForecastFigures } from '../../contract';
import { forecastGroupings } from '../../contract';
import { dealFigureAccess, ifSeen } from '../dealFigures';
import { periodOf, shiftPeriod, weekOf, type Period } from './periods';
import { fiscalStartMonth } from './quotas';
import { forecastRollup } from './rollup';

/** The periods a weekly snapshot keeps: this month, this quarter and the next quarter. */
export async function snapshotPeriods(ctx: RequestContext, at: Date): Promise<Period[]> {
  const start = await fiscalStartMonth(ctx);
  const today = at.toISOString().slice(0, 10);
  const quarter = periodOf(today, 'quarter', start);
  return [periodOf(today, 'month', start), quarter, shiftPeriod(quarter, -1, start)];
}

/**
 * Stores every row of the periods' forecasts (by owner, by team, and the total) as they stand, under
 * the week of `at`. A week already stored is kept as first taken, so a retried job changes nothing.
 */
export async function takeSnapshot(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  periods: Period[],
  at: Date,
): Promise<number> {
  const week = weekOf(at);
  const values: SQL[] = [];
  for (const period of periods)
    for (const groupBy of forecastGroupings) {
      const f = await forecastRollup(ctx, dealsObject, period, groupBy);
      const all = [...f.rows, { key: 'total', name: 'Total', ...f.totals }];
      for (const r of all)
        values.push(
          sql`(${ctx.workspace.id}::uuid, ${week}::date, ${period.key}, ${groupBy}, ${r.key}, ${r.name}, ${r.quota}::numeric,
            ${r.closedWon}::numeric, ${r.commit}::numeric, ${r.bestCase}::numeric, ${r.pipeline}::numeric, ${r.weighted}::numeric, ${at.toISOString()}::timestamptz)`,
        );
    }
  const stored = await ctx.db.write((tx) =>
    rows(
      tx,
      sql`INSERT INTO forecast_snapshots (workspace_id, week, period, group_by, key, name, quota, closed_won, commit, best_case, pipeline, weighted, taken_at)
        VALUES ${sql.join(values, sql`, `)}
        ON CONFLICT (workspace_id, period, group_by, week, key) DO NOTHING RETURNING key`,
    ),
  );
  return stored.length;
}

/**
 * How the forecast of a past (or running) period moved week by week against what closed won in it:
 * each stored week's commit, best case and weighted pipeline beside today's closed won. Refused where
 * the forecast is (`forecastRollup`); the weighted figures are null where the probability is hidden.
 */
export async function forecastAccuracy(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  period: Period,
  groupBy: ForecastGrouping,
  key: string,
): Promise<ForecastAccuracy> {
  const now = await forecastRollup(ctx, dealsObject, period, groupBy);
  const row: Pick<ForecastFigures, 'closedWon'> | undefined =
    key === 'total' ? now.totals : now.rows.find((r) => r.key === key);
  const actual = row?.closedWon ?? '0.00';
  const weeks = await ctx.db.read((x) =>
    rows<{ week: string; commit: string; bestCase: string; weighted: string }>(
      x,
      sql`SELECT week::text AS week, commit::text AS commit, best_case::text AS "bestCase", weighted::text AS weighted
        FROM forecast_snapshots
        WHERE workspace_id = ${ctx.workspace.id} AND period = ${period.key} AND group_by = ${groupBy} AND key = ${key}
        ORDER BY week`,
    ),
  );
  const closed = Number(actual);
  const { weighted } = dealFigureAccess(dealsObject);
  return {
    period: period.key,
    groupBy,
    key,
    actual,
    weeks: weeks.map((w) => ({
      ...w,
      weighted: ifSeen(weighted, w.weighted),
      // A ratio for a chart, not money: a float is fine here.
      commitError: closed === 0 ? null : Math.round((Number(w.commit) / closed - 1) * 10000) / 10000,
    })),
  };
}
