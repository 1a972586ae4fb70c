import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, testPassword, type TestApp } from '../../../server/testing';

/** Issue 8, finding 1: an API key never acts above its owner's current role, and keys are harder to mint. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Keys Co');
});
afterAll(() => app.close());

async function mintKey(cookie: string, body: Record<string, unknown> = { name: 'script' }) {
  const created = await app.call('POST', '/api/v1/api-keys', { as: cookie, body });
  expect(created.status, created.body).toBe(201);
  return created.json<{ id: string; token: string; role: string; expiresAt: string | null }>();
}

/** Makes a session look as if its user signed in eleven minutes ago. */
async function ageSession(cookie: string) {
  const hash = (await import('../../../server/secrets')).sha256(cookie);
  await app.db.write((tx) =>
    tx.execute(
      sql`UPDATE sessions SET created_at = now() - interval '11 minutes' WHERE token_hash = ${hash}`,
    ),
  );
  await app.platform.changes.announce(admin.workspaceId);
}

describe('the role an API key acts with', () => {
  it('is the lower of its own and its owner current role: a demoted admin cannot promote themselves back', async () => {
    const second = await app.addUser(admin.cookie, 'admin');
    const key = await mintKey(second.cookie);
    expect(key.role).toBe('admin');
    const demote = await app.call('PATCH', `/api/v1/users/${second.userId}`, {
      as: admin.cookie,
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(200);
    const me = await app.call('GET', '/api/v1/auth/me', { as: key.token });
    expect(me.status).toBe(200);
    const promote = await app.call('PATCH', `/api/v1/users/${second.userId}`, {
      as: key.token,
      body: { role: 'admin' },
    });
    expect(promote.status).toBe(403);
    expect((await app.call('POST', '/api/v1/accounts', { as: key.token, body: { name: 'X' } })).status).toBe(
      403,
    );
    const [stored] = await app.db.read((x) =>
      rows<{ role: string }>(x, sql`SELECT role FROM users WHERE id = ${second.userId}`),
    );
    expect(stored.role).toBe('viewer');
  });

  it('stays at the key own role when that is the lower one', async () => {
    const key = await mintKey(admin.cookie, { name: 'viewer key', role: 'viewer' });
    expect((await app.call('POST', '/api/v1/teams', { as: key.token, body: { name: 'T' } })).status).toBe(
      403,
    );
    expect((await app.call('POST', '/api/v1/accounts', { as: key.token, body: { name: 'Y' } })).status).toBe(
      403,
    );
  });

  it.runIf(process.env.DATABASE_URL)(
    'a role change drops cached principals in every server process',
    async () => {
      const { buildApp } = await import('../../../server/app');
      const { readSettings } = await import('../../../server/env');
      const other = await buildApp({
        db: app.db,
        settings: readSettings({ RAPPORT_DATA_DIR: '/tmp', RAPPORT_SECRET: 'test-secret-of-enough-length' }),
      });
      try {
        const rep = await app.addUser(admin.cookie, 'rep');
        const key = await mintKey(rep.cookie);
        const createVia = () =>
          other.fastify.inject({
            method: 'POST',
            url: '/api/v1/accounts',
            headers: { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' },
            payload: JSON.stringify({ name: 'Through the other server' }),
          });
        expect((await createVia()).statusCode).toBe(201);
        const demoted = await app.call('PATCH', `/api/v1/users/${rep.userId}`, {
          as: admin.cookie,
          body: { role: 'viewer' },
        });
        expect(demoted.status).toBe(200);
        await sleep(100);
        expect((await createVia()).statusCode).toBe(403);
      } finally {
        await other.close();
      }
    },
  );
});

describe('key expiry and last use', () => {
  it('refuses an expiry in the past, and a key stops working when it expires', async () => {
    const past = await app.call('POST', '/api/v1/api-keys', {
      as: admin.cookie,
      body: { name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.json<{ errors: { path: string }[] }>().errors[0].path).toBe('expiresAt');
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const key = await mintKey(admin.cookie, { name: 'short', expiresAt });
    expect(key.expiresAt).toBe(expiresAt);
    expect((await app.call('GET', '/api/v1/accounts', { as: key.token })).status).toBe(200);
    await sleep(1600);
    const expired = await app.call('GET', '/api/v1/accounts', { as: key.token });
    expect(expired.status).toBe(401);
    expect(expired.json().detail).toMatch(/expired/);
  });

  it('writes when a key was last used, once per few minutes rather than per request', async () => {
    const key = await mintKey(admin.cookie, { name: 'tracked' });
    const lastUsed = async () =>
      (
        await app.db.read((x) =>
          rows<{ at: string | null }>(
            x,
            sql`SELECT last_used_at::text AS at FROM api_keys WHERE id = ${key.id}`,
          ),
        )
      )[0].at;
    expect(await lastUsed()).toBeNull();
    expect((await app.call('GET', '/api/v1/accounts', { as: key.token })).status).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await app.platform.changes.announce(admin.workspaceId);
    expect((await app.call('GET', '/api/v1/accounts', { as: key.token })).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    const listed = await app.call('GET', '/api/v1/api-keys', { as: admin.cookie });
    const shown = listed.json<{ data: { id: string; lastUsedAt: string | null }[] }>().data;
    expect(shown.find((k) => k.id === key.id)?.lastUsedAt).not.toBeNull();
  });
});

describe('listing keys', () => {
  it('shows an admin every key, or only their own with mine=true; a rep only theirs, and lets them revoke it', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const repKey = await mintKey(rep.cookie, { name: 'Phone contacts' });
    const adminKey = await mintKey(admin.cookie, { name: 'Phone contacts' });
    const ids = async (cookie: string, query = '') =>
      (await app.call('GET', `/api/v1/api-keys${query}`, { as: cookie }))
        .json<{ data: { id: string }[] }>()
        .data.map((k) => k.id);
    expect(await ids(admin.cookie)).toEqual(expect.arrayContaining([repKey.id, adminKey.id]));
    expect(await ids(admin.cookie, '?mine=true')).toContain(adminKey.id);
    expect(await ids(admin.cookie, '?mine=true')).not.toContain(repKey.id);
    expect(await ids(rep.cookie)).toEqual([repKey.id]);
    expect(await ids(rep.cookie, '?mine=true')).toEqual([repKey.id]);
    const bad = await app.call('GET', '/api/v1/api-keys?mine=yes', { as: rep.cookie });
    expect(bad.status).toBe(400);
    expect((await app.call('DELETE', `/api/v1/api-keys/${adminKey.id}`, { as: rep.cookie })).status).toBe(
      404,
    );
    expect((await app.call('DELETE', `/api/v1/api-keys/${repKey.id}`, { as: rep.cookie })).status).toBe(204);
    expect(await ids(rep.cookie)).toEqual([]);
    expect((await app.call('GET', '/api/v1/accounts', { as: repKey.token })).status).toBe(401);
  });
});

describe('minting keys and changing roles need a recent sign-in', () => {
  it('refuses both from a session signed in over ten minutes ago until the password is entered again', async () => {
    const login = await app.call('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: testPassword },
    });
    const cookie = String([login.headers['set-cookie']].flat()[0]).split(';')[0].split('=')[1];
    const rep = await app.addUser(admin.cookie, 'rep');
    await ageSession(cookie);
    const mint = await app.call('POST', '/api/v1/api-keys', { as: cookie, body: { name: 'late' } });
    expect(mint.status).toBe(403);
    expect(mint.json()).toMatchObject({ reauthenticate: true });
    const promote = await app.call('PATCH', `/api/v1/users/${rep.userId}`, {
      as: cookie,
      body: { role: 'manager' },
    });
    expect(promote.status).toBe(403);
    // Other changes of a user need no fresh sign-in.
    expect(
      (await app.call('PATCH', `/api/v1/users/${rep.userId}`, { as: cookie, body: { name: 'Renamed' } }))
        .status,
    ).toBe(200);
    const wrong = await app.call('POST', '/api/v1/auth/reauthenticate', {
      as: cookie,
      body: { password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    const right = await app.call('POST', '/api/v1/auth/reauthenticate', {
      as: cookie,
      body: { password: testPassword },
    });
    expect(right.status).toBe(204);
    expect((await app.call('POST', '/api/v1/api-keys', { as: cookie, body: { name: 'now' } })).status).toBe(
      201,
    );
    expect(
      (await app.call('PATCH', `/api/v1/users/${rep.userId}`, { as: cookie, body: { role: 'manager' } }))
        .status,
    ).toBe(200);
  });

  it('never lets an API key change a role or mint another key', async () => {
    const key = await mintKey(admin.cookie, { name: 'automation' });
    const rep = await app.addUser(admin.cookie, 'rep');
    const promote = await app.call('PATCH', `/api/v1/users/${rep.userId}`, {
      as: key.token,
      body: { role: 'admin' },
    });
    expect(promote.status).toBe(403);
    expect(
      (await app.call('POST', '/api/v1/api-keys', { as: key.token, body: { name: 'child' } })).status,
    ).toBe(403);
  });
});

describe('the workspace policy "require two-factor"', () => {
  it('holds for keys too: a key of a user without two-factor cannot switch the policy off', async () => {
    const strict = await app.signup('Strict Keys Co');
    // A second admin, without two-factor, mints a key while the policy is still off.
    const other = await app.addUser(strict.cookie, 'admin');
    const key = await mintKey(other.cookie, { name: 'admin key' });
    // The first admin sets up two-factor, as the policy needs before it can be saved.
    const setup = await app.call('POST', '/api/v1/auth/totp/setup', { as: strict.cookie });
    const { secret } = setup.json<{ secret: string }>();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    const confirmed = await app.call('POST', '/api/v1/auth/totp/confirm', {
      as: strict.cookie,
      body: { code: totp.generate() },
    });
    expect(confirmed.status).toBe(200);
    const on = await app.call('PATCH', '/api/v1/workspace', {
      as: strict.cookie,
      body: { requireTwoFactor: true },
    });
    expect(on.status).toBe(200);
    expect((await app.call('GET', '/api/v1/accounts', { as: other.cookie })).status).toBe(403);
    const off = await app.call('PATCH', '/api/v1/workspace', {
      as: key.token,
      body: { requireTwoFactor: false },
    });
    expect(off.status).toBe(403);
    expect((await app.call('GET', '/api/v1/accounts', { as: key.token })).status).toBe(403);
  });
});
