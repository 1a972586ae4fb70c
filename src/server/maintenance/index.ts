import type { Database } from '../db/database';
import type { RecordEvents } from '../events/dispatcher';
import type { JobQueue } from '../jobs/queue';
import type { Registry } from '../engine';
import { analyzeQueue, StatisticsFreshness } from './freshness';
import { sweep } from './maintain';
import { refresh, tableStates } from './tables';

export { maintainAll, sweep, type Maintained } from './maintain';
export { analyzeQueue } from './freshness';
export const sweepQueue = 'maintenance.sweep';

export interface MaintenanceTuning {
  /** How long an ANALYZE asked for by writes waits, gathering later writes of the same table. */
  analyzeDelaySeconds: number;
  /** How often the embedded database is swept (VACUUM/ANALYZE past autovacuum's thresholds). */
  sweepEveryMs: number;
}

const defaultTuning: MaintenanceTuning = { analyzeDelaySeconds: 5, sweepEveryMs: 5 * 60_000 };

/**
 * Keeps the planner's statistics fresh on both databases with nothing to run by hand: tables written
 * past autovacuum's threshold are analyzed by a job; on the embedded database, which has no
 * autovacuum, a sweep job runs autovacuum's rules every few minutes. Both go through the job queue,
 * off the request path, one waiting job per table.
 */
export function keepStatisticsFresh(
  db: Database,
  jobs: JobQueue,
  events: Pick<RecordEvents, 'observe'>,
  registry: Registry,
  tuning: Partial<MaintenanceTuning> = {},
): void {
  const { analyzeDelaySeconds, sweepEveryMs } = { ...defaultTuning, ...tuning };
  const standard = new Map(registry.standardObjects().map((o) => [o.name, o.tableName]));
  // Custom objects are rows of one table.
  const tableOf = (object: string) => standard.get(object) ?? 'custom_records';
  const freshness = new StatisticsFreshness(db, jobs, tableOf, analyzeDelaySeconds);
  events.observe((batch) => freshness.count(batch));
  jobs.define<{ table: string }>(
    analyzeQueue,
    async ({ table }) => {
      const [state] = await tableStates(db, [table]);
      if (state) await refresh(db, state, false);
    },
    { policy: 'stately', retryLimit: 2, expireInSeconds: 600 },
  );
  if (db.kind !== 'pglite') return;
  jobs.define(sweepQueue, async () => void (await sweep(db)), {
    policy: 'stately',
    retryLimit: 1,
    expireInSeconds: 1800,
  });
  jobs.every(sweepEveryMs, async () => void (await jobs.send(sweepQueue, {}, { singletonKey: 'all' })));
}
