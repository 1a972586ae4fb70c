import { createWriteStream, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { rows, type Database } from '../db/database';
import { readSettings } from '../env';
import { DataFolderStore } from '../files/fileStore';
import { SecretBox } from '../secrets';
import { createTestApp, createTestDb, testPassword, type TestApp } from '../testing';
import { leftOut, workspaceArchive, type WorkspaceManifest } from './workspaceExport';
import { importWorkspace } from './workspaceImport';

let app: TestApp;
let workspaceId: string;
let otherWorkspaceId: string;
let email: string;
let archive: string;
let adminCookie: string;
const secret = 'test-secret-of-enough-length';
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0, 1, 2, 250, 255]),
  Buffer.from('%%EOF'),
]);

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.signup('Moving Co');
  ({ workspaceId, email } = admin);
  const as = admin.cookie;
  adminCookie = as;
  await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
    as,
    body: { name: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'] },
  });
  const account = await app.call('POST', '/api/v1/accounts', {
    as,
    body: { name: 'Søn & Co', tier: 'gold' },
  });
  const accountId = account.json<{ id: string }>().id;
  await app.call('PATCH', `/api/v1/accounts/${accountId}`, { as, body: { employees: 42 } });
  await app.call('POST', '/api/v1/contacts', { as, body: { firstName: 'Ana', lastName: 'Lima', accountId } });
  await app.call('POST', '/api/v1/deals', { as, body: { name: 'Renewal', accountId, amount: '1200.50' } });
  const call = await app.call('POST', '/api/v1/activities', {
    as,
    body: { type: 'call', subject: 'Files', links: [{ object: 'accounts', id: accountId }] },
  });
  const boundary = 'rapport-test-boundary';
  const uploaded = await app.fastify.inject({
    method: 'POST',
    url: `/api/v1/activities/${call.json<{ id: string }>().id}/attachments`,
    headers: {
      origin: 'http://localhost:80',
      cookie: `rapport_session=${as}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="terms.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(uploaded.statusCode).toBe(201);
  const other = await app.signup('Staying Co');
  otherWorkspaceId = other.workspaceId;
  await app.call('POST', '/api/v1/accounts', { as: other.cookie, body: { name: 'Not moving' } });
  await app.platform.usage.flush();
  await app.platform.events.dispatch();
  archive = join(mkdtempSync(join(tmpdir(), 'rapport-ws-')), 'workspace.zip');
  await pipeline(Readable.from(workspaceArchive(app.platform, workspaceId)), createWriteStream(archive));
});
afterAll(() => app.close());

/** Per table that travels, the workspace's rows as JSON in text order, digested; timestamps in UTC so hosts agree. */
async function digests(db: Database, id: string): Promise<Record<string, string>> {
  return db.write(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const tables = await rows<{ name: string; owner: string }>(
      tx,
      sql`SELECT table_name AS name, min(column_name) AS owner FROM information_schema.columns
        WHERE table_schema = 'public' AND (column_name = 'workspace_id' OR table_name = 'workspaces' AND column_name = 'id')
        GROUP BY table_name ORDER BY table_name`,
    );
    const out: Record<string, string> = {};
    for (const { name, owner } of tables.filter((t) => !(t.name in leftOut))) {
      const [{ n, digest }] = await rows<{ n: number; digest: string }>(
        tx,
        sql`SELECT count(*)::int AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE "C"), '')) AS digest
          FROM (SELECT row_to_json(t)::text AS r FROM ${sql.identifier(name)} t WHERE ${sql.identifier(owner)} = ${id}) x`,
      );
      out[name] = `${n} rows ${digest}`;
    }
    return out;
  });
}

/** A fresh installation with its own database and data folder. */
async function installation(key = secret) {
  const db = await createTestDb();
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-ws-target-'));
  const deps = { db, files: new DataFolderStore(dataDir), secrets: new SecretBox(key, dataDir) };
  return { db, dataDir, deps };
}

/** The archive with its entries changed by `change`, written to a new file. */
function altered(change: (entries: Record<string, Uint8Array>, manifest: WorkspaceManifest) => void) {
  const entries = unzipSync(readFileSync(archive));
  const manifest = JSON.parse(Buffer.from(entries['manifest.json']).toString()) as WorkspaceManifest;
  change(entries, manifest);
  entries['manifest.json'] = strToU8(JSON.stringify(manifest));
  const file = join(mkdtempSync(join(tmpdir(), 'rapport-ws-bad-')), 'bad.zip');
  writeFileSync(file, zipSync(entries));
  return file;
}

describe('workspace export and import', () => {
  it("exports the workspace's rows and files, and nothing of another workspace", async () => {
    const entries = unzipSync(readFileSync(archive));
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']).toString()) as WorkspaceManifest;
    expect(manifest.workspaceId).toBe(workspaceId);
    expect(manifest.tables.accounts).toBe(1);
    expect(manifest.tables.workspaces).toBe(1);
    expect(manifest.files).toBe(1);
    expect(Object.keys(manifest.tables)).not.toContain('sessions');
    const text = Object.entries(entries)
      .filter(([name]) => name.startsWith('tables/'))
      .map(([, bytes]) => Buffer.from(bytes).toString())
      .join('');
    expect(text).not.toContain(otherWorkspaceId);
    expect(text).not.toContain('Not moving');
    const files = Object.keys(entries).filter((n) => n.startsWith('files/'));
    expect(files).toEqual([expect.stringMatching(new RegExp(`^files/activities/${workspaceId}/`))]);
    expect(Buffer.from(entries[files[0]]).equals(pdf)).toBe(true);
  });

  it('imports into a fresh installation: the same rows, the same file bytes, users sign in', async () => {
    const source = await digests(app.db, workspaceId);
    const target = await installation();
    try {
      const imported = await importWorkspace(target.deps, archive);
      expect(imported.tables.accounts).toBe(1);
      expect(imported.secretsCleared).toBe(false);
      expect(await digests(target.db, workspaceId)).toEqual(source);
      const [{ key }] = await target.db.read((x) =>
        rows<{ key: string }>(x, sql`SELECT storage_key AS key FROM activity_attachments`),
      );
      expect((await target.deps.files.get(key)).equals(pdf)).toBe(true);
      const again = await importWorkspace(target.deps, archive).catch((e: Error) => e);
      expect((again as Error).message).toMatch(/already exists/);
      expect(await digests(target.db, workspaceId)).toEqual(source);
      const settings = readSettings({ RAPPORT_DATA_DIR: target.dataDir, RAPPORT_SECRET: secret });
      const moved = await buildApp({ db: target.db, settings });
      const login = await moved.fastify.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'http://localhost:80', 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password: testPassword }),
      });
      expect(login.statusCode).toBe(200);
      await moved.close();
    } finally {
      await target.db.drop();
    }
  });

  it('clears secrets sealed with the old key when the new installation has another key', async () => {
    const sealed = new SecretBox(secret, tmpdir()).seal('JBSWY3DPEHPK3PXP');
    const file = altered((entries) => {
      const user = JSON.parse(Buffer.from(entries['tables/users.ndjson']).toString()) as Record<
        string,
        unknown
      >;
      entries['tables/users.ndjson'] = strToU8(
        `${JSON.stringify({ ...user, totp_secret: sealed, totp_enabled: true })}\n`,
      );
    });
    const target = await installation('another-secret-of-enough-length');
    try {
      expect((await importWorkspace(target.deps, file)).secretsCleared).toBe(true);
      const users = await target.db.read((x) =>
        rows(x, sql`SELECT totp_secret, totp_enabled FROM users WHERE workspace_id = ${workspaceId}`),
      );
      expect(users).toEqual([{ totp_secret: null, totp_enabled: false }]);
    } finally {
      await target.db.drop();
    }
  });

  it('serves the export to a recently signed-in admin only, as a ZIP', async () => {
    const admin = await app.signup('Downloading Co');
    const rep = await app.addUser(admin.cookie, 'rep');
    expect((await app.call('GET', '/api/v1/workspace/export', { as: rep.cookie })).status).toBe(403);
    const answer = await app.fastify.inject({
      method: 'GET',
      url: '/api/v1/workspace/export',
      headers: { cookie: `rapport_session=${admin.cookie}` },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toMatch(
      /^attachment; filename="rapport-workspace-.*\.zip"$/,
    );
    const manifest = JSON.parse(
      Buffer.from(unzipSync(answer.rawPayload)['manifest.json']).toString(),
    ) as WorkspaceManifest;
    expect(manifest.workspaceId).toBe(admin.workspaceId);
    expect(manifest.tables.users).toBe(2);
  });

  it.each([
    [
      'an entry outside the archive',
      /unsafe/,
      (e: Record<string, Uint8Array>) => (e['../evil'] = strToU8('x')),
    ],
    [
      'a tampered format',
      /not a Rapport workspace archive/,
      (_: Record<string, Uint8Array>, m: WorkspaceManifest) => ((m as { format: string }).format = 'other'),
    ],
    [
      'other migrations',
      /same Rapport version: only the archive has migrations 9999_future/,
      (_: Record<string, Uint8Array>, m: WorkspaceManifest) => m.migrations.push('9999_future'),
    ],
    [
      "another workspace's file",
      /files of another workspace/,
      (e: Record<string, Uint8Array>, m: WorkspaceManifest) => {
        e[`files/activities/${otherWorkspaceId}/stolen`] = strToU8('x');
        m.files += 1;
      },
    ],
    [
      'a manifest of megabytes',
      /manifest is larger than 1024 KB/,
      (_: Record<string, Uint8Array>, m: WorkspaceManifest) =>
        Object.assign(m, { padding: 'x'.repeat(2 * 1024 * 1024) }),
    ],
  ])('refuses an archive with %s and writes nothing', async (_, message, change) => {
    const file = altered(change);
    const target = await installation();
    try {
      await expect(importWorkspace(target.deps, file)).rejects.toThrow(message);
      const [{ n }] = await target.db.read((x) =>
        rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM workspaces`),
      );
      expect(n).toBe(0);
      expect(readdirSync(target.dataDir)).not.toContain('files');
    } finally {
      await target.db.drop();
    }
  });

  it('refuses a file that unpacks to far more than the archive (a zip bomb), keeping none of it', async () => {
    const file = altered((e, m) => {
      e[`files/activities/${workspaceId}/bomb`] = new Uint8Array(96 * 1024 * 1024);
      m.files += 1;
    });
    const target = await installation();
    try {
      await expect(importWorkspace(target.deps, file)).rejects.toThrow(/unpacks to more than \d+ MB/);
      const [{ n }] = await target.db.read((x) =>
        rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM workspaces`),
      );
      expect(n).toBe(0);
      const kept = readdirSync(target.dataDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
        statSync(join(target.dataDir, f)).isFile(),
      );
      expect(kept.filter((f) => f.startsWith('files'))).toEqual([]);
    } finally {
      await target.db.drop();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'on PostgreSQL, holds one moment: a contact added while the archive is read is not in it',
    async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of workspaceArchive(app.platform, workspaceId)) {
        if (!chunks.length) {
          const late = await app.call('POST', '/api/v1/contacts', {
            as: adminCookie,
            body: { firstName: 'Late', lastName: 'Comer' },
          });
          expect(late.status).toBe(201);
        }
        chunks.push(chunk);
      }
      const entries = unzipSync(Buffer.concat(chunks));
      const contacts = Buffer.from(entries['tables/contacts.ndjson']).toString();
      expect(contacts).toContain('Lima');
      expect(contacts).not.toContain('Comer');
      const manifest = JSON.parse(Buffer.from(entries['manifest.json']).toString()) as WorkspaceManifest;
      expect(manifest.tables.contacts).toBe(1);
      const now = await app.db.read((x) =>
        rows<{ n: number }>(
          x,
          sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${workspaceId}`,
        ),
      );
      expect(now).toEqual([{ n: 2 }]);
    },
  );
});
