import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Database } from './database';

const channel = 'rapport_workspace_changed';

/** Announced when changes may have been missed (the LISTEN connection was lost): every workspace changed. */
export const everyWorkspace = '*';

/**
 * Tells every server process that a workspace's users, sessions, keys or metadata changed, so caches
 * of them are dropped at once: in-process always, and across processes by PostgreSQL LISTEN/NOTIFY.
 * The LISTEN connection comes back by itself after a database restart; notifications sent while it
 * was away are lost, so coming back counts as a change of every workspace.
 */
export class WorkspaceChanges {
  private listeners = new Set<(workspaceId: string) => void>();
  private listener: pg.Client | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void,
    private readonly retryMs = 500,
  ) {}

  async start(): Promise<void> {
    if (!this.db.url) return;
    this.stopped = false;
    await this.listen();
  }

  onChange(listener: (workspaceId: string) => void): void {
    this.listeners.add(listener);
  }

  /** Call after the change has committed. */
  async announce(workspaceId: string): Promise<void> {
    this.emit(workspaceId);
    if (this.db.pool) await this.db.pool.query('SELECT pg_notify($1, $2)', [channel, workspaceId]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.listener;
    this.listener = null;
    await client?.end();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.db.url });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload) this.emit(message.payload);
    });
    client.on('error', this.onError);
    client.on('end', () => {
      if (this.listener !== client || this.stopped) return;
      this.listener = null;
      void this.reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) await client.end();
    else this.listener = client;
  }

  private async reconnect(): Promise<void> {
    while (!this.stopped) {
      await sleep(this.retryMs);
      if (this.stopped) return;
      try {
        await this.listen();
        this.emit(everyWorkspace);
        return;
      } catch (error) {
        this.onError(error);
      }
    }
  }

  private emit(workspaceId: string) {
    for (const listener of this.listeners) listener(workspaceId);
  }
}
