import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Database, Executor } from './db/database';

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
 * Usage of reads (sign-in, view, list, search, export): who did what, when. The app commits a
 * request's events before its answer leaves (an onSend hook awaits `flush`), so a crash loses none
 * that a user saw answered; concurrent requests share one INSERT (group commit). Usage of writes is
 * not recorded here: it comes from the record events, in `recordWriteUsage`.
 */
export class UsageRecorder {
  private buffer: UsageEvent[] = [];
  private committing: Promise<void> = Promise.resolve();
  /**
   * On PostgreSQL, a connection of its own whose commits do not wait for the WAL flush: the rows are
   * safe from a crash of this process at once, and from a crash of PostgreSQL itself a fraction of a
   * second later. A batch is then one INSERT, one round trip, instead of a transaction of four.
   */
  private readonly relaxed: pg.Pool | null;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void,
  ) {
    this.relaxed = db.url
      ? new pg.Pool({ connectionString: db.url, max: 1, options: '-c synchronous_commit=off' })
      : null;
    this.relaxed?.on('error', onError);
  }

  record(event: Omit<UsageEvent, 'at' | 'count'> & { count?: number }): void {
    this.buffer.push({ ...event, count: event.count ?? 1, at: new Date().toISOString() });
    void this.flush();
  }

  /** Settles once every event recorded so far is committed (or its failure reported). */
  flush(): Promise<void> {
    if (this.buffer.length === 0) return this.committing;
    // Events recorded while an INSERT is under way wait for it, then all go in the next one.
    this.committing = this.committing.then(() => {
      const batch = this.buffer;
      this.buffer = [];
      return batch.length ? this.write(batch).catch(this.onError) : undefined;
    });
    return this.committing;
  }

  /** Commits what was recorded and closes the PostgreSQL connection of its own. */
  async close(): Promise<void> {
    await this.flush();
    await this.relaxed?.end();
  }

  private async write(batch: UsageEvent[]): Promise<void> {
    const insert = insertSql(batch);
    if (!this.relaxed) return void (await this.db.write((tx) => tx.execute(insert)));
    // One text for every batch (arrays, not a row of values per event): the connection parses it once.
    const query = dialect.sqlToQuery(insert);
    await this.relaxed.query({ name: 'usage_insert', text: query.sql, values: query.params });
  }
}

const dialect = new PgDialect();
const usageColumns: [keyof UsageEvent | 'id', string][] = [
  ['workspaceId', 'uuid'],
  ['id', 'uuid'],
  ['userId', 'uuid'],
  ['object', 'text'],
  ['action', 'text'],
  ['recordId', 'uuid'],
  ['at', 'timestamptz'],
  ['count', 'int'],
];

function insertSql(batch: UsageEvent[]) {
  const arrays = usageColumns.map(([key, type]) => {
    const values = batch.map((e) => (key === 'id' ? uuidv7() : e[key]));
    return sql`${sql.param(values)}::${sql.raw(type)}[]`;
  });
  return sql`INSERT INTO usage_events (workspace_id, id, user_id, object, action, record_id, at, count)
    SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`;
}

/**
 * Usage rows for record events (a pg uuid[] literal of their ids), in the dispatcher's transaction.
 * A usage row takes its event's id, so writing the same events twice adds nothing. Changes made by
 * Rapport itself (seeding, maintenance) are not anybody's use of it.
 */
export async function recordWriteUsage(tx: Executor, workspaceId: string, eventIds: string): Promise<void> {
  await tx.execute(
    sql`INSERT INTO usage_events (workspace_id, id, user_id, object, action, record_id, at, count)
      SELECT workspace_id, id, user_id, object,
        CASE type WHEN 'created' THEN 'create' WHEN 'updated' THEN 'update' WHEN 'deleted' THEN 'delete'
          WHEN 'restored' THEN 'restore' WHEN 'merged' THEN 'merge' ELSE 'import' END,
        record_id, at, 1
      FROM record_events WHERE workspace_id = ${workspaceId} AND id = ANY(${eventIds}::uuid[])
        AND actor_type <> 'system'
      ON CONFLICT DO NOTHING`,
  );
}
