import { sql } from 'drizzle-orm';
import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, testPassword, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Auth Co');
});
afterAll(() => app.close());

describe('sign-in', () => {
  it('answers me, and the same 401 for an unknown email and a wrong password', async () => {
    const me = await app.call('GET', '/api/v1/auth/me', { as: admin.cookie });
    expect(me.status).toBe(200);
    expect(me.json<{ user: { role: string; email: string } }>().user).toMatchObject({
      role: 'admin',
      email: admin.email,
    });
    const unknown = await app.call('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: testPassword },
    });
    const wrong = await app.call('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: 'not-the-password' },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect((await app.call('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('sets an httpOnly SameSite=Lax session cookie and ends it on logout', async () => {
    const login = await app.call('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: testPassword },
    });
    const cookie = String([login.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = cookie.split(';')[0].split('=')[1];
    expect((await app.call('POST', '/api/v1/auth/logout', { as: token })).status).toBe(204);
    expect((await app.call('GET', '/api/v1/auth/me', { as: token })).status).toBe(401);
  });

  it('with RAPPORT_SIGNUP=open, anyone may sign up another workspace', async () => {
    const second = await app.signup('Second Co');
    expect(second.workspaceId).not.toBe(admin.workspaceId);
  });
});

describe('sign-up policy as shipped', () => {
  const signupBody = (n: number) => ({
    workspaceName: `Policy Co ${n}`,
    name: 'Pat Policy',
    email: `policy${n}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: testPassword,
  });
  const workspaceCount = async (server: TestApp) =>
    (await server.db.read((x) => rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM workspaces`)))[0]
      .n;

  it('by default (RAPPORT_SIGNUP unset) lets the first person in, then refuses with 403 and writes nothing', async () => {
    const shipped = await createTestApp({ env: { RAPPORT_SIGNUP: undefined } });
    try {
      const first = await shipped.call('POST', '/api/v1/auth/signup', { body: signupBody(1) });
      expect(first.status, first.body).toBe(201);
      const second = await shipped.call('POST', '/api/v1/auth/signup', { body: signupBody(2) });
      expect(second.status).toBe(403);
      expect(second.json().detail).toBe('Sign-up is closed: ask an admin of your workspace to invite you');
      expect(second.headers['set-cookie']).toBeUndefined();
      expect(await workspaceCount(shipped)).toBe(1);
    } finally {
      await shipped.close();
    }
  });

  it('with RAPPORT_SIGNUP=closed refuses even the first sign-up, with 403, and writes nothing', async () => {
    const closed = await createTestApp({ env: { RAPPORT_SIGNUP: 'closed' } });
    try {
      const refused = await closed.call('POST', '/api/v1/auth/signup', { body: signupBody(3) });
      expect(refused.status).toBe(403);
      expect(refused.json().detail).toBe('Sign-up is closed on this server');
      expect(await workspaceCount(closed)).toBe(0);
    } finally {
      await closed.close();
    }
  });
});

describe('users and API keys', () => {
  it('disabling a user ends their sessions and API keys at once', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const key = await app.call('POST', '/api/v1/api-keys', { as: rep.cookie, body: { name: 'script' } });
    expect(key.status).toBe(201);
    const token = key.json<{ token: string }>().token;
    expect((await app.call('GET', '/api/v1/accounts', { as: token })).status).toBe(200);
    expect(
      (await app.call('PATCH', `/api/v1/users/${rep.userId}`, { as: admin.cookie, body: { disabled: true } }))
        .status,
    ).toBe(200);
    expect((await app.call('GET', '/api/v1/accounts', { as: token })).status).toBe(401);
    expect((await app.call('GET', '/api/v1/auth/me', { as: rep.cookie })).status).toBe(401);
    const relogin = await app.call('POST', '/api/v1/auth/login', {
      body: { email: rep.email, password: testPassword },
    });
    expect(relogin.status).toBe(401);
  });

  it('stores API keys hashed, shows the token once and revokes at once', async () => {
    const created = await app.call('POST', '/api/v1/api-keys', {
      as: admin.cookie,
      body: { name: 'import job', role: 'rep' },
    });
    const { id, token } = created.json<{ id: string; token: string }>();
    const listed = await app.call('GET', '/api/v1/api-keys', { as: admin.cookie });
    expect(listed.body).not.toContain(token);
    const stored = await app.db.read((x) => x.execute(`SELECT token_hash FROM api_keys WHERE id = '${id}'`));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(
      (await app.call('GET', '/api/v1/auth/me', { as: token })).json<{ user: { id: string } }>().user.id,
    ).toBe(admin.userId);
    expect((await app.call('DELETE', `/api/v1/api-keys/${id}`, { as: admin.cookie })).status).toBe(204);
    expect((await app.call('GET', '/api/v1/accounts', { as: token })).status).toBe(401);
  });

  it('does not let a key have more rights than its creator, nor non-admins add users', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    expect(
      (await app.call('POST', '/api/v1/api-keys', { as: rep.cookie, body: { name: 'x', role: 'admin' } }))
        .status,
    ).toBe(403);
    const attempt = await app.call('POST', '/api/v1/users', {
      as: rep.cookie,
      body: { email: 'new@example.com', name: 'New', password: testPassword, role: 'admin' },
    });
    expect(attempt.status).toBe(403);
  });

  it('refuses a second user with the same email in one workspace (409)', async () => {
    const clash = await app.call('POST', '/api/v1/users', {
      as: admin.cookie,
      body: { email: admin.email, name: 'Twin', password: testPassword, role: 'rep' },
    });
    expect(clash.status).toBe(409);
  });
});

describe('two-factor sign-in', () => {
  it('enrols with a code, then requires it at sign-in; secrets are stored encrypted', async () => {
    const user = await app.addUser(admin.cookie, 'manager');
    const setup = await app.call('POST', '/api/v1/auth/totp/setup', { as: user.cookie });
    const { secret } = setup.json<{ secret: string }>();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    expect(
      (
        await app.call('POST', '/api/v1/auth/totp/confirm', {
          as: user.cookie,
          body: { code: '000000' === totp.generate() ? '111111' : '000000' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await app.call('POST', '/api/v1/auth/totp/confirm', {
          as: user.cookie,
          body: { code: totp.generate() },
        })
      ).status,
    ).toBe(200);
    const stored = await app.db.read((x) =>
      x.execute(`SELECT totp_secret FROM users WHERE id = '${user.userId}'`),
    );
    expect(JSON.stringify(stored)).not.toContain(secret);
    const noCode = await app.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: testPassword },
    });
    expect(noCode.status).toBe(401);
    // The confirming code is spent: sign-in takes the next one (one step of clock drift is allowed).
    const withCode = await app.call('POST', '/api/v1/auth/login', {
      body: {
        email: user.email,
        password: testPassword,
        totp: totp.generate({ timestamp: Date.now() + 30_000 }),
      },
    });
    expect(withCode.status).toBe(200);
  });
});

describe('usage events', () => {
  it('records views and searches as they are answered, creates and updates from their change events', async () => {
    const { cookie, workspaceId } = await app.signup('Usage Co');
    const created = await app.call('POST', '/api/v1/accounts', {
      as: cookie,
      body: { name: 'Usage Account' },
    });
    const id = created.json<{ id: string }>().id;
    await app.call('GET', `/api/v1/accounts/${id}`, { as: cookie });
    await app.call('PATCH', `/api/v1/accounts/${id}`, { as: cookie, body: { industry: 'Retail' } });
    await app.call('GET', '/api/v1/search?q=usage', { as: cookie });
    await app.platform.usage.flush();
    // Writes are counted from their change events, when the dispatcher takes them from the outbox.
    await app.platform.events.dispatch();
    const found = await app.db.read((x) =>
      x.execute(
        `SELECT action, object FROM usage_events WHERE workspace_id = '${workspaceId}' ORDER BY at, action`,
      ),
    );
    const actions = (found as unknown as { rows: { action: string }[] }).rows.map((r) => r.action).sort();
    expect(actions).toEqual(['create', 'search', 'update', 'view']);
  });
});

describe('several server processes on one PostgreSQL', () => {
  it.runIf(process.env.DATABASE_URL)(
    'a key revoked through one server stops working on another at once',
    async () => {
      const { buildApp } = await import('../../../server/app');
      const { readSettings } = await import('../../../server/env');
      const settings = readSettings({
        RAPPORT_DATA_DIR: '/tmp',
        RAPPORT_SECRET: 'test-secret-of-enough-length',
      });
      const other = await buildApp({ db: app.db, settings });
      try {
        const key = (
          await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'twin' } })
        ).json<{ id: string; token: string }>();
        const viaOther = () =>
          other.fastify.inject({
            method: 'GET',
            url: '/api/v1/accounts',
            headers: { authorization: `Bearer ${key.token}` },
          });
        expect((await viaOther()).statusCode).toBe(200);
        expect((await app.call('DELETE', `/api/v1/api-keys/${key.id}`, { as: admin.cookie })).status).toBe(
          204,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect((await viaOther()).statusCode).toBe(401);
      } finally {
        await other.close();
      }
    },
  );
});
