import { sql } from 'drizzle-orm';
import { Forbidden } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { MeasureValue, Scorecard, ScorecardTile, TileObjective, TrendPoint } from '../contract';
import { catalogue } from './measures/catalogue';
import { expectedOn, objectiveStatus } from './objectiveStatus';
import { settingsOf } from './settings';

/** The scorecard counts every record of the workspace, whoever may see them: for managers and admins. */
export function assertCanSeeScorecard(ctx: RequestContext): void {
  if (ctx.role !== 'admin' && ctx.role !== 'manager')
    throw new Forbidden('Only managers and admins see the scorecard');
}

interface StoredTile {
  measure: string;
  value: string | null;
  dataAvailable: boolean;
  reason: string | null;
  trend: TrendPoint[];
  computedAt: string;
}

interface ObjectiveRow {
  id: string;
  name: string;
  measure: string;
  baseline: number;
  target: number;
  startDate: string;
  dueDate: string;
}

/** The stored tiles; fewer than the catalogue holds means the scorecard must be (re)computed first. */
export async function storedTiles(ctx: RequestContext): Promise<StoredTile[]> {
  return ctx.db.read((x) =>
    rows<StoredTile>(
      x,
      sql`SELECT measure, value, data_available AS "dataAvailable", reason, trend,
          to_char(computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "computedAt"
        FROM scorecard_tiles WHERE workspace_id = ${ctx.workspace.id}`,
    ),
  );
}

/** Per measure, the objective that is current: the next one due, else the last one that was. */
async function currentObjectives(ctx: RequestContext, today: string): Promise<Map<string, ObjectiveRow>> {
  const found = await ctx.db.read((x) =>
    rows<ObjectiveRow>(
      x,
      sql`SELECT DISTINCT ON (measure) id, name, measure, baseline::float8 AS baseline, target::float8 AS target,
          start_date::text AS "startDate", due_date::text AS "dueDate"
        FROM objectives WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NULL
        ORDER BY measure, (due_date < ${today}::date), CASE WHEN due_date >= ${today}::date THEN due_date END, due_date DESC, id`,
    ),
  );
  return new Map(found.map((o) => [o.measure, o]));
}

export async function readScorecard(
  ctx: RequestContext,
  stored: StoredTile[],
  now = new Date(),
): Promise<Scorecard> {
  const today = now.toISOString().slice(0, 10);
  const objectives = await currentObjectives(ctx, today);
  const { goLive } = await ctx.db.read((x) => settingsOf(x, ctx.workspace.id));
  const byMeasure = new Map(stored.map((t) => [t.measure, t]));
  const tiles: ScorecardTile[] = [];
  for (const measure of catalogue) {
    const found = byMeasure.get(measure.id);
    if (!found) continue;
    const value: MeasureValue =
      found.value === null ? null : measure.unit === 'money' ? found.value : Number(found.value);
    const tile: ScorecardTile = {
      measure: measure.id,
      label: measure.label,
      value,
      unit: measure.unit,
      direction: measure.direction,
      trend: found.trend,
      dataAvailable: found.dataAvailable,
      asOf: found.computedAt,
      ...(found.reason ? { reason: found.reason } : {}),
    };
    const plan = objectives.get(measure.id);
    if (plan) {
      const { id, name, baseline, target, startDate, dueDate } = plan;
      const expected = expectedOn(plan, today).toDecimalPlaces(4).toNumber();
      const objective: TileObjective = { id, name, baseline, target, startDate, dueDate, expected };
      tile.objective = objective;
      if (value !== null) tile.status = objectiveStatus(plan, value, measure.direction, today);
    }
    tiles.push(tile);
  }
  const asOf = stored.reduce((min, t) => (t.computedAt < min ? t.computedAt : min), now.toISOString());
  return { asOf, goLive, tiles };
}
