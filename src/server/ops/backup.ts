import { chmodSync, createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { countRows, describeTables, readRows, writeRows, type TableInfo } from './tables';

interface BackupHeader {
  format: 'rapport-backup';
  version: 1;
  createdAt: string;
  migrations: string[];
}

async function appliedMigrations(db: Database): Promise<string[]> {
  return (
    await db.read((x) => rows<{ tag: string }>(x, sql`SELECT tag FROM rapport_migrations ORDER BY tag`))
  ).map((r) => r.tag);
}

/**
 * A logical backup that works the same on PGlite and PostgreSQL: gzip'd JSON lines, a header, then each
 * table's rows after a `{"@table": name}` line, parents before children.
 */
export async function backupTo(db: Database, file: string): Promise<Record<string, number>> {
  const tables = await db.read((x) => describeTables(x));
  const header: BackupHeader = {
    format: 'rapport-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    migrations: await appliedMigrations(db),
  };
  const counts: Record<string, number> = {};
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const table of tables) {
      yield `${JSON.stringify({ '@table': table.name })}\n`;
      counts[table.name] = 0;
      for await (const batch of readRows(db.read, table)) {
        counts[table.name] += batch.length;
        yield `${batch.join('\n')}\n`;
      }
    }
  }
  // A backup holds password hashes and sealed secrets: only its owner may read it.
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
  chmodSync(file, 0o600);
  return counts;
}

async function assertEmpty(db: Database) {
  const [{ n }] = await db.read((x) =>
    rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM workspaces`),
  );
  if (n > 0)
    throw new Error('The target database already holds workspaces; restore only into an empty database');
}

/** Restores a backup into an empty database: schema up to the backup's migrations, rows, then newer migrations. */
export async function restoreFrom(db: Database, file: string): Promise<Record<string, number>> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: BackupHeader | null = null;
  let tables: Map<string, TableInfo> = new Map();
  let table: TableInfo | null = null;
  let batch: string[] = [];
  const counts: Record<string, number> = {};
  const flush = async () => {
    if (!table || batch.length === 0) return;
    const [target, rowsOf] = [table, batch];
    batch = [];
    await db.write((tx) => writeRows(tx, target, rowsOf));
    counts[target.name] = (counts[target.name] ?? 0) + rowsOf.length;
  };
  for await (const line of input) {
    if (!line) continue;
    if (!header) {
      header = JSON.parse(line) as BackupHeader;
      if (header.format !== 'rapport-backup') throw new Error(`${file} is not a Rapport backup`);
      const known = new Set(header.migrations);
      await migrate(db, { only: known });
      await assertEmpty(db);
      tables = new Map((await db.read((x) => describeTables(x))).map((t) => [t.name, t]));
      continue;
    }
    if (line.startsWith('{"@table"')) {
      await flush();
      const name = (JSON.parse(line) as { '@table': string })['@table'];
      table = tables.get(name) ?? null;
      if (!table) throw new Error(`The backup has a table "${name}" this version does not know`);
      continue;
    }
    batch.push(line);
    if (batch.length >= 2000) await flush();
  }
  await flush();
  if (!header) throw new Error(`${file} is empty`);
  await migrate(db);
  return counts;
}

/** Copies a whole database to an empty one (PGlite to PostgreSQL) and checks every table's row count. */
export async function copyDatabase(
  source: Database,
  target: Database,
  onTable?: (name: string, rows: number) => void,
) {
  await migrate(source);
  await migrate(target);
  await assertEmpty(target);
  const tables = await source.read((x) => describeTables(x));
  const mismatches: string[] = [];
  for (const table of tables) {
    for await (const batch of readRows(source.read, table))
      await target.write((tx) => writeRows(tx, table, batch));
    const [from, to] = [
      await source.read((x) => countRows(x, table.name)),
      await target.read((x) => countRows(x, table.name)),
    ];
    onTable?.(table.name, to);
    if (from !== to) mismatches.push(`${table.name}: ${from} rows in the source, ${to} in the target`);
  }
  if (mismatches.length) throw new Error(`Row counts differ after the copy:\n  ${mismatches.join('\n  ')}`);
}
