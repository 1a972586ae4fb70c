import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openPglite, rows, type Database } from '../db/database';
import { readSettings } from '../env';
import { createTestApp, createTestDb, type TestApp } from '../testing';
import { backupTo, copyDatabase, restoreFrom } from './backup';

let app: TestApp;
let cookie: string;
let accountId: string;

beforeAll(async () => {
  app = await createTestApp();
  ({ cookie } = await app.signup('Backup Co'));
  const account = await app.call('POST', '/api/v1/accounts', {
    as: cookie,
    body: {
      name: 'O\'Brien & Søn — "quoted"',
      annualRevenue: '123456789012.3456',
      tags: ['a,b', 'c"d', '{x}'],
      billingAddress: { city: 'Zürich' },
    },
  });
  accountId = account.json<{ id: string }>().id;
  await app.call('POST', '/api/v1/contacts', {
    as: cookie,
    body: {
      firstName: 'Ana',
      lastName: 'Lima',
      email: 'ana@example.com',
      accountId,
      phones: ['+44 20 7946 0958'],
    },
  });
  await app.call('PATCH', `/api/v1/accounts/${accountId}`, { as: cookie, body: { employees: 42 } });
});
afterAll(() => app.close());

/**
 * Every table's rows as one digest: each row's stored columns as PostgreSQL's text, in byte order,
 * with the session settings that shape that text fixed so two servers answer alike. Generated columns
 * are left out: they are recomputed, not copied. Tables and columns are read from the catalog here,
 * not from describeTables, so that a column the copy forgets is still compared.
 */
async function tableDigests(db: Database): Promise<Record<string, string>> {
  return db.write(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    await tx.execute(sql`SET LOCAL DateStyle = 'ISO, YMD'`);
    await tx.execute(sql`SET LOCAL extra_float_digits = 3`);
    const columns = await rows<{ table_name: string; column_name: string }>(
      tx,
      sql`SELECT c.table_name, c.column_name FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
          AND c.table_name <> 'rapport_migrations'
        ORDER BY c.table_name, c.ordinal_position`,
    );
    const digests: Record<string, string> = {};
    for (const table of [...new Set(columns.map((c) => c.table_name))]) {
      const list = sql.join(
        columns.filter((c) => c.table_name === table).map((c) => sql`t.${sql.identifier(c.column_name)}`),
        sql`, `,
      );
      const [{ n, digest }] = await rows<{ n: number; digest: string }>(
        tx,
        sql`SELECT count(*)::int AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE "C"), '')) AS digest
          FROM (SELECT ROW(${list})::text AS r FROM ${sql.identifier(table)} t) AS x`,
      );
      digests[table] = `${n} rows ${digest}`;
    }
    return digests;
  });
}

/** The background work a test app does on its own (usage events, the outbox), done now. */
async function settle(server: TestApp) {
  await server.platform.usage.flush();
  await server.platform.events.dispatch();
}

describe('backup and restore', () => {
  it('writes the backup readable by its owner only (0600), even over an existing file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-backup-')), 'backup.rapport.gz');
    writeFileSync(file, 'old', { mode: 0o644 });
    await backupTo(app.db, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('restores every row, byte for byte, into an empty database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-backup-')), 'backup.rapport.gz');
    await settle(app);
    const written = await backupTo(app.db, file);
    expect(written.accounts).toBe(1);
    const source = await tableDigests(app.db);
    const target = await createTestDb();
    try {
      const restored = await restoreFrom(target, file);
      expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
      expect(await tableDigests(target)).toEqual(source);
      const settings = readSettings({
        RAPPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-')),
        RAPPORT_SECRET: 'test-secret-of-enough-length',
      });
      const restoredApp = await buildApp({ db: target, settings });
      const original = await app.call('GET', `/api/v1/accounts/${accountId}?include=contacts`, {
        as: cookie,
      });
      const again = await restoredApp.fastify.inject({
        method: 'GET',
        url: `/api/v1/accounts/${accountId}?include=contacts`,
        headers: { cookie: `rapport_session=${cookie}` },
      });
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(original.body);
      await restoredApp.close();
    } finally {
      await target.drop();
    }
  });

  it('refuses to restore into a database that holds workspaces', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-backup-')), 'b.rapport.gz');
    await backupTo(app.db, file);
    await expect(restoreFrom(app.db, file)).rejects.toThrow(/empty database/);
  });
});

describe('db:move-to', () => {
  // Two databases, one of them a data folder on disk, and a child process: minutes on a loaded machine.
  const moveTimeout = 240_000;

  /** An embedded database holding what the app holds (restored from its backup), and the app's digests. */
  async function embeddedCopy(dataDir?: string) {
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-backup-')), 'seed.rapport.gz');
    await settle(app);
    await backupTo(app.db, file);
    const digests = await tableDigests(app.db);
    const source = await openPglite(dataDir);
    await restoreFrom(source, file);
    expect(await tableDigests(source)).toEqual(digests);
    return { source, digests };
  }

  it(
    'copies an embedded database to another database, every row byte for byte',
    async () => {
      const { source, digests } = await embeddedCopy();
      const target = await createTestDb();
      try {
        const copied: Record<string, number> = {};
        await copyDatabase(source, target, (name, n) => (copied[name] = n));
        expect(copied.accounts).toBe(1);
        expect(copied.contacts).toBe(1);
        expect(copied.record_history).toBe(3);
        expect(digests.accounts).toMatch(/^1 rows /);
        expect(await tableDigests(target)).toEqual(digests);
      } finally {
        await Promise.all([source.close(), target.drop()]);
      }
    },
    moveTimeout,
  );

  // The command itself, as an operator runs it, into PostgreSQL: only in the PostgreSQL pass.
  it.runIf(process.env.DATABASE_URL)(
    '`rapport db:move-to URL` moves the data folder into PostgreSQL, every row byte for byte',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rapport-move-'));
      const { source, digests } = await embeddedCopy(join(dataDir, 'db'));
      await source.close();
      const target = await createTestDb();
      try {
        const env = { ...process.env, RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '' };
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'src/server/cli.ts', 'db:move-to', String(target.url)],
          { env },
        );
        expect(stdout).toMatch(/Copied and verified/);
        expect(await tableDigests(target)).toEqual(digests);
      } finally {
        await target.drop();
      }
    },
    moveTimeout,
  );
});
