import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../db/database';
import { appendRecordEvents } from '../events/outbox';
import { createTestDb } from '../testing';
import { maintainAll, sweep } from './maintain';
import { tableStates } from './tables';

let db: Awaited<ReturnType<typeof createTestDb>>;
const run = (text: string) => db.read((x) => x.execute(sql.raw(text)));
const probe = async () => (await tableStates(db, ['sweep_probe']))[0];

async function until(check: () => Promise<boolean>, seconds = 30) {
  const end = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not true after ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  db = await createTestDb();
  await run('CREATE TABLE sweep_probe (id int PRIMARY KEY, note text)');
});
afterAll(async () => {
  await db.drop();
});

describe('the sweep (autovacuum for the embedded database)', () => {
  it('analyzes a loaded table, vacuums one past the dead-row threshold, and leaves the rest', async () => {
    await run(`INSERT INTO sweep_probe SELECT g, 'row ' || g FROM generate_series(1, 1000) g`);
    const first = await sweep(db);
    expect(first.map((m) => [m.table, m.action])).toContainEqual(['public.sweep_probe', 'ANALYZE']);
    expect(first.find((m) => m.table === 'public.sweep_probe')?.rows).toBe(1000);
    // Empty tables are left alone.
    expect(first.map((m) => m.table)).not.toContain('public.contacts');

    await run('DELETE FROM sweep_probe WHERE id <= 400');
    // PostgreSQL publishes another session's counters within seconds; PGlite's are flushed at once.
    await until(async () => (await probe()).deadRows >= 400);
    // While record changes wait for dispatch (an import under way), only ANALYZE runs.
    const workspaceId = uuidv7();
    await db.write((tx) =>
      appendRecordEvents(tx, [
        {
          workspaceId,
          object: 'contacts',
          recordId: uuidv7(),
          type: 'created',
          fields: [],
          actor: { type: 'system', id: null },
          userId: null,
          source: 'import',
        },
      ]),
    );
    const during = (await sweep(db)).find((m) => m.table === 'public.sweep_probe');
    expect(during).toMatchObject({ action: 'ANALYZE', rows: 600 });
    expect((await probe()).deadRows).toBe(400);
    await run(`UPDATE record_events SET dispatched_at = now() WHERE workspace_id = '${workspaceId}'`);
    const second = await sweep(db);
    const done = second.find((m) => m.table === 'public.sweep_probe');
    expect(done).toMatchObject({ action: 'VACUUM ANALYZE', rows: 600, deadRowsBefore: 400 });
    expect((await probe()).deadRows).toBe(0);
    expect((await sweep(db)).map((m) => m.table)).not.toContain('public.sweep_probe');
  });

  it('db:maintain VACUUM ANALYZEs every table, whatever its statistics', async () => {
    const done = await maintainAll(db);
    const states = await tableStates(db);
    expect(done.map((m) => m.table)).toEqual(states.map((s) => s.table));
    expect(done.every((m) => m.action === 'VACUUM ANALYZE')).toBe(true);
    // VACUUM sets the planner's count of even an empty table, which ANALYZE alone leaves at -1.
    expect(states.every((s) => s.rows >= 0)).toBe(true);
    const [vacuumed] = await db.read((x) =>
      rows<{ n: number }>(
        x,
        sql`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE last_vacuum IS NULL AND schemaname = current_schema()`,
      ),
    );
    expect(vacuumed.n).toBe(0);
  });
});

describe('rapport db:maintain', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
      cwd: resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, ...env },
    });

  it('reports each table it maintained', async () => {
    // Its own database: PGlite is one process's, and the test's PostgreSQL database works as is.
    const env: NodeJS.ProcessEnv = db.url
      ? { DATABASE_URL: db.url }
      : { DATABASE_URL: '', RAPPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-maintain-')) };
    if (!db.url) await cli(['migrate'], env);
    const { stdout } = await cli(['db:maintain'], env);
    expect(stdout).toMatch(/VACUUM ANALYZE public\.contacts: 0 rows, \d+ dead rows before, \d+ ms/);
    expect(stdout).toMatch(/Maintained \d+ tables in [\d.]+ s/);
  }, 120_000);
});
