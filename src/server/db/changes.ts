import pg from 'pg';
import type { Database } from './database';

const channel = 'rapport_workspace_changed';

/**
 * Tells every server process that a workspace's users, sessions, keys or metadata changed, so caches
 * of them are dropped at once: in-process always, and across processes by PostgreSQL LISTEN/NOTIFY.
 */
export class WorkspaceChanges {
  private listeners = new Set<(workspaceId: string) => void>();
  private listener: pg.Client | null = null;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    if (!this.db.url) return;
    const client = new pg.Client({ connectionString: this.db.url });
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload) this.emit(message.payload);
    });
    client.on('error', this.onError);
    await client.query(`LISTEN ${channel}`);
    this.listener = client;
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
    await this.listener?.end();
    this.listener = null;
  }

  private emit(workspaceId: string) {
    for (const listener of this.listeners) listener(workspaceId);
  }
}
