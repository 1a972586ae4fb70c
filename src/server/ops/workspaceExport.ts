import { sql } from 'drizzle-orm';
import { Zip, ZipDeflate } from 'fflate';
import { rows, type Database, type Executor } from '../db/database';
import type { FileStore } from '../files/fileStore';
import type { SecretBox } from '../secrets';
import { describeTables, readRows, type TableInfo } from './tables';

/** Tables that stay behind, and why: none of them is the customer's data. */
export const leftOut: Record<string, string> = {
  sessions: 'sign-ins belong to this host; users sign in again on the new one',
  password_resets: 'a reset link is short-lived and names this host',
  idempotency_keys: 'they only guard retries of requests made to this host within 24 hours',
  rate_limits: "this host's counters, not a workspace's (pg-boss jobs are not in the public schema either)",
};

/**
 * Columns sealed with the installation's key (SecretBox): another installation cannot open them, so the
 * import clears them (the admin enters them again) unless both installations share the key.
 */
export const sealedColumns = [
  {
    table: 'users',
    clear: sql`totp_secret = NULL, totp_enabled = false`,
    where: sql`totp_secret IS NOT NULL`,
  },
  { table: 'sso_settings', clear: sql`client_secret = NULL`, where: sql`client_secret IS NOT NULL` },
  { table: 'mail_settings', clear: sql`smtp_password = NULL`, where: sql`smtp_password IS NOT NULL` },
  {
    table: 'mailboxes',
    clear: sql`password = '', last_error = 'Enter the password again: it was sealed with the old host''s key'`,
    where: sql`password <> ''`,
  },
  {
    table: 'calendar_connections',
    clear: sql`password = '', last_error = 'Enter the password again: it was sealed with the old host''s key'`,
    where: sql`password <> ''`,
  },
];

/** The column that names a stored file, in every table that keeps files. */
export const fileKeyColumn = 'storage_key';

export interface WorkspaceManifest {
  format: 'rapport-workspace';
  version: 1;
  workspaceId: string;
  exportedAt: string;
  migrations: string[];
  tables: Record<string, number>;
  files: number;
  leftOut: Record<string, string>;
  secrets: { note: string; keyCheck: string };
}

export interface ArchiveDeps {
  db: Database;
  files: FileStore;
  secrets: SecretBox;
}

/** A digest of the installation's secret key that reveals nothing of it: equal on both hosts only for the same key. */
export const keyCheckOf = (secrets: SecretBox) => secrets.mac('rapport-workspace-archive-key-check');

export async function appliedMigrations(db: Database): Promise<string[]> {
  return (
    await db.read((x) => rows<{ tag: string }>(x, sql`SELECT tag FROM rapport_migrations ORDER BY tag`))
  ).map((r) => r.tag);
}

/** The tables a workspace archive holds, parents before children: the workspace row and every tenant table. */
export function workspaceTables(tables: TableInfo[]): TableInfo[] {
  return tables.filter(
    (t) => !(t.name in leftOut) && (t.name === 'workspaces' || t.columns.includes('workspace_id')),
  );
}

const onlyWorkspace = (table: TableInfo, workspaceId: string) =>
  table.name === 'workspaces' ? sql`t.id = ${workspaceId}` : sql`t.workspace_id = ${workspaceId}`;

async function fileKeys(db: Executor, tables: TableInfo[], workspaceId: string): Promise<string[]> {
  const keeping = tables.filter((t) => t.columns.includes(fileKeyColumn));
  if (!keeping.length) return [];
  const keys = await rows<{ key: string }>(
    db,
    sql`SELECT DISTINCT key FROM (${sql.join(
      keeping.map(
        (t) =>
          sql`SELECT ${sql.identifier(fileKeyColumn)} AS key FROM ${sql.identifier(t.name)} WHERE workspace_id = ${workspaceId}`,
      ),
      sql` UNION ALL `,
    )}) AS k ORDER BY key`,
  );
  return keys.map((k) => k.key);
}

type Reader = Database['read'];

/**
 * On PostgreSQL, every read of the export sees one moment: a read-only repeatable-read transaction
 * held on a connection of its own until `release`, while the server goes on writing. The embedded
 * database has one connection, which the export must not hold at a download's pace: there, reads are
 * page by page and see writes made meanwhile.
 */
async function snapshotOf(db: Database): Promise<{ read: Reader; release: () => Promise<void> }> {
  if (db.kind !== 'postgres') return { read: db.read, release: async () => undefined };
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let opened!: (tx: Executor) => void;
  const held = new Promise<Executor>((resolve) => (opened = resolve));
  const transaction = db.write(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    opened(tx);
    await released;
  });
  const tx = await Promise.race([held, transaction.then(() => Promise.reject(new Error('snapshot ended')))]);
  return {
    read: (work) => work(tx),
    release: async () => {
      release();
      await transaction;
    },
  };
}

/**
 * One workspace as a ZIP, chunk by chunk: `tables/<table>.ndjson` for each table (parents first, rows
 * read in keyset pages), `files/<storage key>` for each stored file, and `manifest.json` last, with the
 * counts; on PostgreSQL all of it as of one moment (see snapshotOf).
 */
export async function* workspaceArchive(deps: ArchiveDeps, workspaceId: string): AsyncGenerator<Uint8Array> {
  const snapshot = await snapshotOf(deps.db);
  try {
    yield* archiveOf(deps, snapshot.read, workspaceId);
  } finally {
    await snapshot.release();
  }
}

async function* archiveOf(deps: ArchiveDeps, read: Reader, workspaceId: string): AsyncGenerator<Uint8Array> {
  const [found] = await read((x) =>
    rows<{ id: string }>(x, sql`SELECT id FROM workspaces WHERE id = ${workspaceId}`),
  );
  if (!found) throw new Error(`No workspace ${workspaceId} in this installation`);
  const tables = workspaceTables(await read((x) => describeTables(x)));
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  /** What the ZIP has produced so far; the caller's pace (backpressure) sets how fast more is read. */
  function* produced() {
    if (failure) throw failure;
    yield* out.splice(0);
  }
  const encoder = new TextEncoder();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const entry = new ZipDeflate(`tables/${table.name}.ndjson`, { level: 6 });
    zip.add(entry);
    counts[table.name] = 0;
    for await (const batch of readRows(read, table, onlyWorkspace(table, workspaceId))) {
      counts[table.name] += batch.length;
      entry.push(encoder.encode(`${batch.join('\n')}\n`));
      yield* produced();
    }
    entry.push(new Uint8Array(0), true);
    yield* produced();
  }
  const keys = await read((x) => fileKeys(x, tables, workspaceId));
  for (const key of keys) {
    const entry = new ZipDeflate(`files/${key}`, { level: 1 });
    zip.add(entry);
    for await (const chunk of deps.files.open(key) as AsyncIterable<Buffer>) {
      entry.push(chunk);
      yield* produced();
    }
    entry.push(new Uint8Array(0), true);
    yield* produced();
  }
  const manifest: WorkspaceManifest = {
    format: 'rapport-workspace',
    version: 1,
    workspaceId,
    exportedAt: new Date().toISOString(),
    migrations: await appliedMigrations(deps.db),
    tables: counts,
    files: keys.length,
    leftOut,
    secrets: {
      note: `Secrets sealed with this installation's key (${sealedColumns.map((s) => s.table).join(', ')}) are cleared on import unless the new installation has the same key (RAPPORT_SECRET or secret.key); the admin enters them again.`,
      keyCheck: keyCheckOf(deps.secrets),
    },
  };
  const last = new ZipDeflate('manifest.json', { level: 6 });
  zip.add(last);
  last.push(encoder.encode(JSON.stringify(manifest, null, 2)), true);
  zip.end();
  yield* produced();
}
