import type { Database } from '../db/database';
import type { RecordEvent } from '../events/outbox';
import type { Jobs } from '../jobs/queue';
import { analyzeThreshold, plannerRows } from './tables';

export const analyzeQueue = 'maintenance.analyze';

/** Every record change also writes one history row. */
const historyTable = 'record_history';

/**
 * Counts, per table, the rows that committed record changes touched (from the dispatched outbox, so
 * single-row writes add up just as an import does), and once a table's count passes autovacuum's
 * threshold (50 + 10% of the rows the planner believes it has) sends an ANALYZE of it to the job
 * queue. The job waits `delaySeconds` and the queue keeps one waiting per table, so an import that
 * crosses the threshold many times is analyzed every few seconds, not after every batch.
 */
export class StatisticsFreshness {
  private readonly changed = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly jobs: Jobs,
    private readonly tableOf: (object: string) => string,
    private readonly delaySeconds: number,
  ) {}

  async count(events: Pick<RecordEvent, 'object'>[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events)
      for (const table of [this.tableOf(event.object), historyTable])
        this.changed.set(table, (this.changed.get(table) ?? 0) + 1);
    const known = await plannerRows(this.db, [...this.changed.keys()]);
    for (const [table, rows] of known) {
      if (this.changed.get(table)! <= analyzeThreshold(rows)) continue;
      this.changed.delete(table);
      await this.jobs.send(analyzeQueue, { table }, { singletonKey: table, startAfter: this.delaySeconds });
    }
  }
}
