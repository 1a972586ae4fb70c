import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from './db/database';

export type UsageAction =
  | 'signin'
  | 'view'
  | 'list'
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'search'
  | 'export'
  | 'import'
  | 'merge';

interface UsageEvent {
  workspaceId: string;
  userId: string | null;
  object: string | null;
  action: UsageAction;
  recordId: string | null;
  at: string;
  count: number;
}

/**
 * Collects usage events (who did what, when) off the request path and writes them in batches.
 * Events of the last interval live only in memory: a crash loses at most that much adoption data.
 */
export class UsageRecorder {
  private buffer: UsageEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 2000,
    private readonly maxBuffer = 1000,
  ) {}

  record(event: Omit<UsageEvent, 'at' | 'count'> & { count?: number }): void {
    this.buffer.push({ ...event, count: event.count ?? 1, at: new Date().toISOString() });
    if (this.buffer.length >= this.maxBuffer) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch)).catch(this.onError);
    return this.flushing;
  }

  private async write(batch: UsageEvent[]): Promise<void> {
    const tuples = batch.map(
      (e) =>
        sql`(${e.workspaceId}::uuid, ${uuidv7()}::uuid, ${e.userId}::uuid, ${e.object}, ${e.action}, ${e.recordId}::uuid, ${e.at}::timestamptz, ${e.count})`,
    );
    await this.db.write((tx) =>
      tx.execute(
        sql`INSERT INTO usage_events (workspace_id, id, user_id, object, action, record_id, at, count) VALUES ${sql.join(tuples, sql`, `)}`,
      ),
    );
  }
}
