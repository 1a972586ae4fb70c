import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openPglite } from '../db/database';
import { migrate } from '../db/migrate';
import { readSettings } from '../env';
import { createTestApp, createTestDb, type TestApp } from '../testing';
import { backupTo, copyDatabase, restoreFrom } from './backup';
import { countRows, describeTables } from './tables';

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

async function tableCounts(db: Awaited<ReturnType<typeof createTestDb>>) {
  const tables = await db.read((x) => describeTables(x));
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t.name] = await db.read((x) => countRows(x, t.name));
  return counts;
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
    const written = await backupTo(app.db, file);
    expect(written.accounts).toBe(1);
    const target = await createTestDb();
    try {
      const restored = await restoreFrom(target, file);
      expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
      expect(await tableCounts(target)).toEqual(written);
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
  it('copies an embedded database to another database and verifies every row count', async () => {
    const source = await openPglite();
    await migrate(source);
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-backup-')), 'seed.rapport.gz');
    const written = await backupTo(app.db, file);
    const fresh = await openPglite();
    await restoreFrom(fresh, file);
    const target = await createTestDb();
    try {
      const copied: Record<string, number> = {};
      await copyDatabase(fresh, target, (name, n) => (copied[name] = n));
      expect(copied.accounts).toBe(1);
      expect(copied.contacts).toBe(1);
      expect(copied.record_history).toBe(3);
      expect(await tableCounts(target)).toEqual(written);
    } finally {
      await Promise.all([source.close(), fresh.close(), target.drop()]);
    }
  });
});
