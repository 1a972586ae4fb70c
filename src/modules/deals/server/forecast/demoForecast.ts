import { Decimal } from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Registry, RequestContext } from '../../../../server/engine';
import type { createFaker } from '../../../../server/seed/people';
import { periodOf, shiftPeriod, weekOf, type Period } from './periods';
import { forecastRollup } from './rollup';
import { snapshotPeriods, takeSnapshot } from './snapshots';

const week = 7 * 86_400_000;

/** A quota near what a subject tends to close, rounded to thousands, so attainment bars vary around 100%. */
const quotaNear = (won: Decimal, faker: ReturnType<typeof createFaker>) =>
  won
    .times(faker.number.float({ min: 0.85, max: 1.3 }))
    .dividedBy(1000)
    .ceil()
    .times(1000)
    .toFixed(2);

/**
 * The demo's quotas (per owner and team for the last four quarters and the next two) and weekly
 * snapshots of the last four quarters. The past snapshots are made up, not taken: each week's commit
 * is what the quarter closed scaled by a factor that starts low (reps sandbag early) and converges
 * with noise, one quarter running optimistic, so the accuracy chart has a story. This week's snapshot
 * is a real one.
 */
export async function seedForecastDemo(
  ctx: RequestContext,
  registry: Registry,
  faker: ReturnType<typeof createFaker>,
  now: number,
) {
  const deals = await registry.object(ctx.db, ctx.workspace, 'deals', 'admin');
  const current = periodOf(new Date(now).toISOString().slice(0, 10), 'quarter', 1);
  const past = [4, 3, 2, 1].map((i) => shiftPeriod(current, i, 1));
  const quotas: SQL[] = [];
  const snapshots: SQL[] = [];
  const ws = ctx.workspace.id;
  for (const [index, period] of [...past, current, shiftPeriod(current, -1, 1)].entries()) {
    const byOwner = await forecastRollup(ctx, deals, past[Math.min(index, 3)], 'owner');
    const byTeam = await forecastRollup(ctx, deals, past[Math.min(index, 3)], 'team');
    for (const row of byOwner.rows)
      quotas.push(
        sql`(${ws}::uuid, ${uuidv7()}::uuid, ${period.key}, 'owner', ${row.key}::uuid, ${quotaNear(new Decimal(row.closedWon), faker)}::numeric, ${ctx.workspace.baseCurrency})`,
      );
    for (const row of byTeam.rows.filter((r) => r.key !== 'none'))
      quotas.push(
        sql`(${ws}::uuid, ${uuidv7()}::uuid, ${period.key}, 'team', ${row.key}::uuid, ${quotaNear(new Decimal(row.closedWon), faker)}::numeric, ${ctx.workspace.baseCurrency})`,
      );
    if (index < past.length)
      snapshots.push(...(await madeUpWeeks(ctx, period, index === 2, faker, [byOwner, byTeam])));
  }
  await ctx.db.write(async (tx) => {
    if (quotas.length)
      await tx.execute(sql`INSERT INTO quotas (workspace_id, id, period, subject, subject_id, amount, currency)
        VALUES ${sql.join(quotas, sql`, `)} ON CONFLICT DO NOTHING`);
    if (snapshots.length)
      await tx.execute(sql`INSERT INTO forecast_snapshots (workspace_id, week, period, group_by, key, name, quota, closed_won, commit, best_case, pipeline, weighted)
        VALUES ${sql.join(snapshots, sql`, `)} ON CONFLICT DO NOTHING`);
  });
  await takeSnapshot(ctx, deals, await snapshotPeriods(ctx, new Date(now)), new Date(now));
}

async function madeUpWeeks(
  ctx: RequestContext,
  period: Period,
  optimistic: boolean,
  faker: ReturnType<typeof createFaker>,
  forecasts: Awaited<ReturnType<typeof forecastRollup>>[],
): Promise<SQL[]> {
  const start = new Date(`${period.start}T00:00:00Z`).getTime();
  const end = new Date(`${period.end}T00:00:00Z`).getTime();
  const values: SQL[] = [];
  for (let t = start; t < end; t += week) {
    const progress = (t - start) / (end - start);
    const bias = optimistic ? 1.25 - 0.2 * progress : 0.75 + 0.25 * progress;
    const factor = bias + faker.number.float({ min: -0.05, max: 0.05 });
    for (const f of forecasts)
      for (const row of [...f.rows, { key: 'total', name: 'Total', ...f.totals }]) {
        const won = new Decimal(row.closedWon);
        const closedSoFar = won.times(progress).toDecimalPlaces(2);
        const commit = Decimal.max(won.times(factor), closedSoFar).toDecimalPlaces(2);
        values.push(sql`(${ctx.workspace.id}::uuid, ${weekOf(new Date(t))}::date, ${period.key}, ${f.groupBy}, ${row.key}, ${row.name}, NULL,
          ${closedSoFar.toFixed(2)}::numeric, ${commit.toFixed(2)}::numeric, ${commit.times(1.3).toFixed(2)}::numeric,
          ${won.times(2.2).toFixed(2)}::numeric, ${won.times(0.9 * factor).toFixed(2)}::numeric)`);
      }
  }
  return values;
}
