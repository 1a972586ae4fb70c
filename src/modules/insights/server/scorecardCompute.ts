import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../../server/engine';
import type { MeasureValue, TrendPoint } from '../contract';
import { catalogue } from './measures/catalogue';
import type { Measure, MeasureRange } from './measures/measure';
import { settingsOf } from './settings';

/** Trend points: at go-live, then every month after it, and now; the latest `maxPoints`. */
export const maxPoints = 13;

export function trendEnds(goLive: string, now: Date): string[] {
  const ends: string[] = [];
  const start = new Date(`${goLive}T00:00:00Z`);
  for (let k = 0; ; k++) {
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, start.getUTCDate()));
    if (end >= now) break;
    ends.push(end.toISOString());
  }
  ends.push(now.toISOString());
  return ends.slice(-maxPoints);
}

/** The trailing window of a measure that ends at `end`. */
export function windowEnding(measure: Pick<Measure, 'windowDays'>, end: string): MeasureRange {
  const from = measure.windowDays
    ? new Date(Date.parse(end) - measure.windowDays * 86_400_000).toISOString()
    : '1970-01-01T00:00:00.000Z';
  return { from, to: end };
}

interface ComputedTile {
  measure: string;
  value: MeasureValue;
  dataAvailable: boolean;
  reason: string | null;
  trend: TrendPoint[];
}

async function computeTile(ctx: RequestContext, measure: Measure, ends: string[]): Promise<ComputedTile> {
  const reason = await measure.unavailable(ctx);
  if (reason !== null || !measure.compute)
    return { measure: measure.id, value: null, dataAvailable: false, reason, trend: [] };
  const values = await measure.compute(
    ctx,
    ends.map((end) => windowEnding(measure, end)),
  );
  const trend = ends.map((at, i) => ({ at, value: values[i] }));
  return { measure: measure.id, value: values[values.length - 1], dataAvailable: true, reason: null, trend };
}

/** Computes every tile of the workspace's scorecard and stores them: the work of the refresh job. */
export async function refreshScorecard(ctx: RequestContext, now = new Date()): Promise<void> {
  const { goLive } = await ctx.db.read((x) => settingsOf(x, ctx.workspace.id));
  const ends = trendEnds(goLive, now);
  const tiles: ComputedTile[] = [];
  for (const measure of catalogue) tiles.push(await computeTile(ctx, measure, ends));
  const values = tiles.map(
    (t) =>
      sql`(${ctx.workspace.id}::uuid, ${t.measure}, ${t.value === null ? null : String(t.value)}, ${t.dataAvailable}, ${t.reason}, ${JSON.stringify(t.trend)}::jsonb, ${now.toISOString()}::timestamptz)`,
  );
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO scorecard_tiles (workspace_id, measure, value, data_available, reason, trend, computed_at)
      VALUES ${sql.join(values, sql`, `)}
      ON CONFLICT (workspace_id, measure) DO UPDATE SET value = excluded.value,
        data_available = excluded.data_available, reason = excluded.reason, trend = excluded.trend,
        computed_at = excluded.computed_at`),
  );
}
