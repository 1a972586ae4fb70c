import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/database';
import { readZip, ZipTooInflated, type EntrySink, type InflationLimit } from '../files/zipReader';
import { describeTables, type TableInfo } from './tables';
import {
  appliedMigrations,
  fileKeyColumn,
  keyCheckOf,
  sealedColumns,
  workspaceTables,
  type ArchiveDeps,
  type WorkspaceManifest,
} from './workspaceExport';

/** An archive this installation will not import; nothing was written. */
export class ArchiveRefused extends Error {}

export interface WorkspaceImported {
  workspaceId: string;
  tables: Record<string, number>;
  files: number;
  /** Whether sealed secrets were cleared (the two installations have different keys). */
  secretsCleared: boolean;
}

const tableEntry = /^tables\/([a-z0-9_]+)\.ndjson$/;
const storageKey = /^[a-z0-9][a-z0-9/_.-]*$/i;

/**
 * An archive is NDJSON (5 to 20 times smaller packed) and stored files (about their own size): one that
 * unpacks to more than 200 times its size is a zip bomb, refused before it fills memory or disk.
 */
const archiveInflation: InflationLimit = { ratio: 200, floorBytes: 64 * 1024 * 1024 };
const manifestMaxBytes = 1024 * 1024;
/** No row of any table comes near this; a line that does is not a row, and is not held in memory. */
const lineMaxBytes = 64 * 1024 * 1024;

function readArchive(file: string, open: (name: string) => EntrySink, settle?: () => Promise<void>) {
  return readZip(file, archiveInflation, open, settle).catch((error: unknown) => {
    throw error instanceof ZipTooInflated ? new ArchiveRefused(error.message) : error;
  });
}

/** The archive's entries and manifest, every name checked, before anything is written. */
async function inspect(deps: ArchiveDeps, file: string, tables: TableInfo[]) {
  const names: string[] = [];
  let manifestText = '';
  const decoder = new TextDecoder();
  await readArchive(file, (name) => {
    names.push(name);
    if (name !== 'manifest.json') return undefined;
    return (data) => {
      manifestText += decoder.decode(data, { stream: true });
      if (manifestText.length > manifestMaxBytes)
        throw new ArchiveRefused(
          `The manifest is larger than ${manifestMaxBytes / 1024} KB: not a Rapport manifest`,
        );
    };
  });
  const unsafe = names.filter(
    (n) =>
      n !== 'manifest.json' &&
      !tableEntry.test(n) &&
      !(n.startsWith('files/') && storageKey.test(n.slice(6)) && !n.includes('..')),
  );
  if (unsafe.length)
    throw new ArchiveRefused(`The archive has unsafe or unknown entries: ${unsafe.join(', ')}`);
  if (!manifestText) throw new ArchiveRefused('The archive has no manifest.json');
  let manifest: WorkspaceManifest;
  try {
    manifest = JSON.parse(manifestText) as WorkspaceManifest;
  } catch {
    throw new ArchiveRefused('The manifest is not JSON');
  }
  if (manifest.format !== 'rapport-workspace' || manifest.version !== 1)
    throw new ArchiveRefused('This is not a Rapport workspace archive (format rapport-workspace, version 1)');
  const workspaceId = manifest.workspaceId;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(String(workspaceId)))
    throw new ArchiveRefused('The manifest names no workspace id');
  const ours = await appliedMigrations(deps.db);
  const theirs = Array.isArray(manifest.migrations) ? manifest.migrations : [];
  const onlyTheirs = theirs.filter((m) => !ours.includes(m));
  const onlyOurs = ours.filter((m) => !theirs.includes(m));
  if (onlyTheirs.length || onlyOurs.length)
    throw new ArchiveRefused(
      `Export and import need the same Rapport version: ${[
        onlyTheirs.length ? `only the archive has migrations ${onlyTheirs.join(', ')}` : '',
        onlyOurs.length ? `only this installation has migrations ${onlyOurs.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  const order = tables.map((t) => t.name);
  const entries = names.flatMap((n) => tableEntry.exec(n)?.[1] ?? []);
  const unknown = entries.filter((t) => !order.includes(t));
  if (unknown.length)
    throw new ArchiveRefused(`The archive has tables a workspace does not hold: ${unknown.join(', ')}`);
  if (entries.some((t, i) => i > 0 && order.indexOf(t) < order.indexOf(entries[i - 1])))
    throw new ArchiveRefused('The archive lists its tables out of order (parents must come before children)');
  const counted = Object.keys(manifest.tables ?? {}).sort();
  if (counted.join() !== [...entries].sort().join())
    throw new ArchiveRefused("The manifest's tables are not the archive's tables");
  const files = names.filter((n) => n.startsWith('files/')).map((n) => n.slice(6));
  const foreign = files.filter((key) => key.split('/')[1] !== workspaceId);
  if (foreign.length)
    throw new ArchiveRefused(`The archive has files of another workspace: ${foreign.join(', ')}`);
  if (files.length !== manifest.files)
    throw new ArchiveRefused(
      `The manifest counts ${manifest.files} files; the archive holds ${files.length}`,
    );
  await deps.db.read(async (x) => {
    if (await workspaceExists(x, workspaceId))
      throw new ArchiveRefused(`Workspace ${workspaceId} already exists in this installation`);
  });
  return { manifest, files };
}

async function workspaceExists(db: Executor, workspaceId: string): Promise<boolean> {
  const found = await rows(db, sql`SELECT 1 FROM workspaces WHERE id = ${workspaceId}::uuid`);
  return found.length > 0;
}

/**
 * Inserts a batch and checks, in the same statement, that every row is this workspace's, and so is
 * every file key it names: an archive must not reach into another workspace.
 */
async function insertRows(tx: Executor, table: TableInfo, batch: string[], workspaceId: string) {
  const id = (n: string) => sql.identifier(n);
  const cols = sql.join(
    table.columns.map((c) => id(c)),
    sql`, `,
  );
  const owner = table.name === 'workspaces' ? id('id') : id('workspace_id');
  const key = table.columns.includes(fileKeyColumn)
    ? sql`split_part(${id(fileKeyColumn)}, '/', 2)`
    : sql`${workspaceId}`;
  const [{ n, foreign }] = await rows<{ n: number; foreign: number }>(
    tx,
    sql`WITH added AS (INSERT INTO ${id(table.name)} (${cols})
        SELECT ${cols} FROM json_populate_recordset(NULL::${id(table.name)}, ${`[${batch.join(',')}]`}::json)
        RETURNING ${owner}::text AS owner, ${key} AS key)
      SELECT count(*)::int AS n, count(*) FILTER (WHERE owner <> ${workspaceId} OR key <> ${workspaceId})::int AS foreign
      FROM added`,
  );
  if (foreign > 0)
    throw new ArchiveRefused(`${table.name} holds ${foreign} rows or files of another workspace`);
  return n;
}

/**
 * Streams the archive's files into the store as they unpack, never one whole in memory: the reading
 * waits while the store is behind. Keys are pushed to `written` as they start, for the caller to clean.
 */
async function storeFiles(deps: ArchiveDeps, file: string, written: string[]) {
  const uploads: { body: PassThrough; done: Promise<void> }[] = [];
  try {
    await readArchive(
      file,
      (name) => {
        if (!name.startsWith('files/')) return undefined;
        const key = name.slice(6);
        const body = new PassThrough();
        written.push(key);
        const done = deps.files.put(key, body);
        // Awaited in the settling below; until then a failure must not count as unhandled.
        done.catch(() => undefined);
        uploads.push({ body, done });
        return (data, final) => {
          body.write(data);
          if (final) body.end();
        };
      },
      async () => {
        for (const upload of [...uploads]) {
          if (upload.body.writableNeedDrain) await Promise.race([once(upload.body, 'drain'), upload.done]);
          if (upload.body.writableEnded) {
            await upload.done;
            uploads.splice(uploads.indexOf(upload), 1);
          }
        }
      },
    );
  } catch (error) {
    for (const { body } of uploads) body.destroy(error as Error);
    await Promise.allSettled(uploads.map((u) => u.done));
    throw error;
  }
}

/**
 * Imports a workspace archive into an installation that does not have that workspace: files first,
 * then every row in one transaction, parents before children; a refusal or failure leaves nothing.
 */
export async function importWorkspace(deps: ArchiveDeps, file: string): Promise<WorkspaceImported> {
  const tables = workspaceTables(await deps.db.read((x) => describeTables(x)));
  const { manifest, files } = await inspect(deps, file, tables);
  const workspaceId = manifest.workspaceId;
  const written: string[] = [];
  try {
    await storeFiles(deps, file, written);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const secretsCleared = manifest.secrets?.keyCheck !== keyCheckOf(deps.secrets);
    const counts = await deps.db.write(async (tx) => {
      if (await workspaceExists(tx, workspaceId))
        throw new ArchiveRefused(`Workspace ${workspaceId} already exists in this installation`);
      const counted: Record<string, number> = {};
      const queue: { table: TableInfo; lines: string[] }[] = [];
      await readArchive(
        file,
        (name) => {
          const table = byName.get(tableEntry.exec(name)?.[1] ?? '');
          if (!table) return undefined;
          counted[table.name] = 0;
          const decoder = new TextDecoder();
          let partial = '';
          return (data, final) => {
            const lines = (partial + decoder.decode(data, { stream: !final })).split('\n');
            partial = final ? '' : (lines.pop() ?? '');
            if (partial.length > lineMaxBytes)
              throw new ArchiveRefused(
                `${table.name} has a line longer than ${lineMaxBytes / 1024 / 1024} MB`,
              );
            queue.push({ table, lines: lines.filter(Boolean) });
          };
        },
        async () => {
          for (const { table, lines } of queue.splice(0))
            for (let i = 0; i < lines.length; i += 2000)
              counted[table.name] += await insertRows(tx, table, lines.slice(i, i + 2000), workspaceId);
        },
      );
      const short = Object.entries(manifest.tables).filter(([name, n]) => counted[name] !== n);
      if (short.length)
        throw new ArchiveRefused(
          `Row counts differ from the manifest: ${short.map(([name, n]) => `${name} ${counted[name]} of ${n}`).join(', ')}`,
        );
      if (secretsCleared)
        for (const s of sealedColumns)
          await tx.execute(
            sql`UPDATE ${sql.identifier(s.table)} SET ${s.clear} WHERE workspace_id = ${workspaceId} AND ${s.where}`,
          );
      return counted;
    });
    return { workspaceId, tables: counts, files: files.length, secretsCleared };
  } catch (error) {
    for (const key of written) await deps.files.remove(key);
    throw error;
  }
}
