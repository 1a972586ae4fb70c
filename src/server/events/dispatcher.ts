import { sql } from 'drizzle-orm';
import { rows, type Database } from '../db/database';
import type { JobOptions, JobQueue, JobRun } from '../jobs/queue';
import { recordWriteUsage } from '../usage';
import type { RecordEvent } from './outbox';
import type { RecordEventType } from './tables';

export interface EventFilter {
  /** Only events of these objects (API names); all when absent. */
  objects?: string[];
  types?: RecordEventType[];
}

/** Handles one event; runs at least once per event, so it must be idempotent (see JobHandler). */
export type RecordEventHandler = (event: RecordEvent, run: JobRun) => Promise<void>;

const queueOf = (subscriber: string) => `record-events.${subscriber}`;
const matches = (filter: EventFilter, event: RecordEvent) =>
  (!filter.objects || filter.objects.includes(event.object)) &&
  (!filter.types || filter.types.includes(event.type));

/**
 * Delivers committed record events to their subscribers through the job queue. A pass takes the
 * pending events of one workspace at a time, oldest first, in batches; in one transaction it turns
 * them into usage rows and delivery jobs and marks them dispatched, so a crash repeats a batch whole
 * or not at all. A failing subscriber is retried by its own queue without holding up the others.
 */
const backlogPauseMs = 10;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Told of each batch of events once its dispatch has committed: bookkeeping off the request path. */
export type DispatchObserver = (events: RecordEvent[]) => Promise<void>;

export class RecordEvents {
  private readonly subscribers = new Map<string, EventFilter>();
  private readonly observers: DispatchObserver[] = [];

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly batchSize = 500,
    intervalMs = 500,
  ) {
    jobs.every(intervalMs, async () => void (await this.dispatch()));
  }

  subscribe(name: string, filter: EventFilter, handler: RecordEventHandler, options?: JobOptions): void {
    this.jobs.define<RecordEvent>(queueOf(name), handler, options);
    this.subscribers.set(name, filter);
  }

  observe(observer: DispatchObserver): void {
    this.observers.push(observer);
  }

  /** Dispatches every pending event; answers how many. */
  async dispatch(): Promise<number> {
    const names = [...this.subscribers.keys()];
    await Promise.all(names.map((name) => this.jobs.ready(queueOf(name))));
    let total = 0;
    for (;;) {
      let dispatched = 0;
      for (
        let workspaceId = await this.nextPending();
        workspaceId;
        workspaceId = await this.nextPending(workspaceId)
      ) {
        // A workspace's backlog (after an import) drains batch after batch, with a pause between them
        // so that requests get the database meanwhile (on PGlite there is one connection).
        for (;;) {
          const events = await this.dispatchBatch(workspaceId);
          for (const observer of this.observers) await observer(events);
          const count = events.length;
          dispatched += count;
          if (count < this.batchSize) break;
          await pause(backlogPauseMs);
        }
      }
      // Rows locked by another process's pass are left to it.
      if (dispatched === 0) break;
      total += dispatched;
    }
    for (const name of names) this.jobs.wake(queueOf(name));
    return total;
  }

  /**
   * The first workspace after `after` with events to dispatch, from the pending index in its order:
   * a few index pages every half second, whatever the planner believes of the table (a DISTINCT over
   * it chose a scan of every event ever written, 80-130 ms at 500,000 events).
   */
  private async nextPending(after?: string): Promise<string | null> {
    const [next] = await this.db.read((x) =>
      rows<{ workspace_id: string }>(
        x,
        sql`SELECT workspace_id FROM record_events WHERE dispatched_at IS NULL
          ${after ? sql`AND workspace_id > ${after}` : sql``} ORDER BY workspace_id LIMIT 1`,
      ),
    );
    return next?.workspace_id ?? null;
  }

  private dispatchBatch(workspaceId: string): Promise<RecordEvent[]> {
    return this.db.write(async (tx) => {
      const events = await rows<RecordEvent>(
        tx,
        sql`SELECT workspace_id AS "workspaceId", id, object, record_id AS "recordId", type,
            array_to_json(fields) AS fields, actor_type AS "actorType", actor_id AS "actorId",
            user_id AS "userId", source, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
          FROM record_events
          WHERE workspace_id = ${workspaceId} AND dispatched_at IS NULL
          ORDER BY id LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED`,
      );
      if (events.length === 0) return events;
      const ids = `{${events.map((e) => e.id).join(',')}}`;
      await recordWriteUsage(tx, workspaceId, ids);
      await this.jobs.sendInTransaction(
        tx,
        events.flatMap((event) =>
          [...this.subscribers]
            .filter(([, filter]) => matches(filter, event))
            .map(([name]) => ({ name: queueOf(name), data: event })),
        ),
      );
      await tx.execute(
        sql`UPDATE record_events SET dispatched_at = now() WHERE workspace_id = ${workspaceId} AND id = ANY(${ids}::uuid[])`,
      );
      return events;
    });
  }
}
