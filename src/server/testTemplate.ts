import { openAsBlob } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type Database } from './db/database';
import { migrate } from './db/migrate';

/** Where the suite's migrated embedded database is kept while the suite runs (set by the global setup). */
const templateVariable = 'RAPPORT_TEST_PGLITE_TEMPLATE';

/**
 * A migrated embedded database for one test file. Starting PGlite and migrating takes 5-15 s per file
 * on a busy machine; loading the data folder the suite's global setup migrated once takes about 2 s.
 * Outside the suite (no template), it migrates a fresh one.
 */
export async function openMigratedPglite(): Promise<Database> {
  const template = process.env[templateVariable];
  if (template) return openPglite(undefined, { loadDataDir: await openAsBlob(template) });
  const db = await openPglite();
  await migrate(db);
  return db;
}

/** Vitest's global setup: migrates one embedded database for every test file of the run to start from. */
export async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const db = await openPglite();
  await migrate(db);
  const path = join(tmpdir(), `rapport-test-template-${process.pid}.tar`);
  await writeFile(path, Buffer.from(await (await db.pglite!.dumpDataDir('none')).arrayBuffer()));
  await db.close();
  process.env[templateVariable] = path;
  return () => rm(path, { force: true });
}
