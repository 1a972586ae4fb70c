import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp, type TestResponse } from '../../../server/testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Team Co');
});
afterAll(() => app.close());

function cookieOf(response: TestResponse): string {
  const set = [response.headers['set-cookie']].flat().map(String);
  const session = set.find((c) => c.startsWith('rapport_session='));
  if (!session) throw new Error(`no session cookie (${response.status} ${response.body})`);
  return session.split(';')[0].split('=')[1];
}

const tokenOf = (url: string) => url.split('#')[1];
const newPassword = 'a-brand-new-passphrase';

async function count(sql: string): Promise<number> {
  const result = (await app.db.read((x) => x.execute(sql))) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0].n);
}

describe('invitations', () => {
  it('invite by link; the invited person sets their own password, once, and is signed in', async () => {
    const email = `invited-${Date.now()}@example.com`;
    const invited = await app.call('POST', '/api/v1/invitations', {
      as: admin.cookie,
      body: { email: email.toUpperCase(), role: 'manager' },
    });
    expect(invited.status).toBe(201);
    const { id, url } = invited.json<{ id: string; url: string }>();
    expect(url).toMatch(/^http:\/\/localhost(:80)?\/join#ri_[0-9a-f]{32}_/);
    const token = tokenOf(url);
    expect(await count(`SELECT count(*) AS n FROM invitations WHERE token_hash = '${token}'`)).toBe(0);

    const listed = await app.call('GET', '/api/v1/invitations', { as: admin.cookie });
    expect(listed.json<{ data: { id: string; email: string; role: string }[] }>().data).toEqual([
      expect.objectContaining({ id, email, role: 'manager' }),
    ]);
    const preview = await app.call('POST', '/api/v1/invitations/preview', { body: { token } });
    expect(preview.json()).toEqual({ email, workspaceName: 'Team Co', role: 'manager' });

    const short = await app.call('POST', '/api/v1/invitations/accept', {
      body: { token, name: 'Ines Invited', password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['password']);

    const accepted = await app.call('POST', '/api/v1/invitations/accept', {
      body: { token, name: 'Ines Invited', password: newPassword },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({
      user: { email, name: 'Ines Invited', role: 'manager' },
      workspace: { id: admin.workspaceId },
    });
    const me = await app.call('GET', '/api/v1/auth/me', { as: cookieOf(accepted) });
    expect(me.json<{ user: { email: string } }>().user.email).toBe(email);

    const twice = await app.call('POST', '/api/v1/invitations/accept', {
      body: { token, name: 'Someone Else', password: newPassword },
    });
    expect(twice.status).toBe(404);
    expect((await app.call('GET', '/api/v1/invitations', { as: admin.cookie })).json()).toEqual({ data: [] });
    expect(
      (await app.call('POST', '/api/v1/auth/login', { body: { email, password: newPassword } })).status,
    ).toBe(200);
  });

  it('refuses non-admins, taken addresses, unknown teams and bad input, writing nothing', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const before = await count(`SELECT count(*) AS n FROM invitations`);
    const attempts = await Promise.all([
      app.call('POST', '/api/v1/invitations', {
        as: rep.cookie,
        body: { email: 'x@example.com', role: 'rep' },
      }),
      app.call('POST', '/api/v1/invitations', { as: admin.cookie, body: { email: rep.email, role: 'rep' } }),
      app.call('POST', '/api/v1/invitations', {
        as: admin.cookie,
        body: { email: 'y@example.com', role: 'rep', teamId: '01900000-0000-7000-8000-000000000000' },
      }),
      app.call('POST', '/api/v1/invitations', {
        as: admin.cookie,
        body: { email: 'not-an-email', role: 'boss' },
      }),
    ]);
    expect(attempts.map((a) => a.status)).toEqual([403, 409, 404, 400]);
    expect(
      attempts[3]
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['email', 'role']);
    expect(await count(`SELECT count(*) AS n FROM invitations`)).toBe(before);
  });

  it('a withdrawn, replaced or expired link no longer works', async () => {
    const email = `withdrawn-${Date.now()}@example.com`;
    const first = (
      await app.call('POST', '/api/v1/invitations', { as: admin.cookie, body: { email, role: 'rep' } })
    ).json<{ id: string; url: string }>();
    const second = (
      await app.call('POST', '/api/v1/invitations', { as: admin.cookie, body: { email, role: 'viewer' } })
    ).json<{ id: string; url: string }>();
    const accept = (url: string) =>
      app.call('POST', '/api/v1/invitations/accept', {
        body: { token: tokenOf(url), name: 'Late Comer', password: newPassword },
      });
    expect((await accept(first.url)).status).toBe(404);
    expect((await app.call('DELETE', `/api/v1/invitations/${second.id}`, { as: admin.cookie })).status).toBe(
      204,
    );
    expect((await accept(second.url)).status).toBe(404);

    const third = (
      await app.call('POST', '/api/v1/invitations', { as: admin.cookie, body: { email, role: 'rep' } })
    ).json<{ id: string; url: string }>();
    await app.db.write((tx) =>
      tx.execute(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = '${third.id}'`),
    );
    expect((await accept(third.url)).status).toBe(404);
    expect((await accept('/join#ri_not-a-token')).status).toBe(404);
  });
});

describe('password change', () => {
  it('needs the current password and signs out every other session, keeping this one', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const other = cookieOf(
      await app.call('POST', '/api/v1/auth/login', { body: { email: rep.email, password: testPassword } }),
    );
    const wrong = await app.call('POST', '/api/v1/auth/password', {
      as: rep.cookie,
      body: { currentPassword: 'not-my-password', newPassword },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ errors: { path: string }[] }>().errors[0].path).toBe('currentPassword');
    const changed = await app.call('POST', '/api/v1/auth/password', {
      as: rep.cookie,
      body: { currentPassword: testPassword, newPassword },
    });
    expect(changed.status).toBe(204);
    expect((await app.call('GET', '/api/v1/auth/me', { as: rep.cookie })).status).toBe(200);
    expect((await app.call('GET', '/api/v1/auth/me', { as: other })).status).toBe(401);
    expect(
      (await app.call('POST', '/api/v1/auth/login', { body: { email: rep.email, password: testPassword } }))
        .status,
    ).toBe(401);
    expect(
      (await app.call('POST', '/api/v1/auth/login', { body: { email: rep.email, password: newPassword } }))
        .status,
    ).toBe(200);
  });

  it('is refused to an API key', async () => {
    const key = (
      await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'script' } })
    ).json<{ token: string }>().token;
    const attempt = await app.call('POST', '/api/v1/auth/password', {
      as: key,
      body: { currentPassword: testPassword, newPassword },
    });
    expect(attempt.status).toBe(403);
  });
});

describe('sessions', () => {
  it('lists your own sessions with device, address and last seen; signs out one or all others', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const login = (agent: string) =>
      app.call('POST', '/api/v1/auth/login', {
        body: { email: rep.email, password: testPassword },
        headers: { 'user-agent': agent },
      });
    const phone = cookieOf(await login('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)'));
    const laptop = cookieOf(await login('Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0'));
    const listed = await app.call('GET', '/api/v1/auth/sessions', { as: laptop });
    const sessions = listed.json<{
      data: { id: string; current: boolean; userAgent: string; ip: string }[];
    }>().data;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toEqual([
      expect.objectContaining({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0', ip: '127.0.0.1' }),
    ]);
    const phoneSession = sessions.find((s) => s.userAgent.includes('iPhone'))!;
    const adminSessions = await app.call('GET', '/api/v1/auth/sessions', { as: admin.cookie });
    expect(adminSessions.json<{ data: { id: string }[] }>().data.map((s) => s.id)).not.toContain(
      phoneSession.id,
    );
    expect(
      (await app.call('DELETE', `/api/v1/auth/sessions/${phoneSession.id}`, { as: admin.cookie })).status,
    ).toBe(404);
    expect(
      (await app.call('DELETE', `/api/v1/auth/sessions/${phoneSession.id}`, { as: laptop })).status,
    ).toBe(204);
    expect((await app.call('GET', '/api/v1/auth/me', { as: phone })).status).toBe(401);

    const everywhere = await app.call('DELETE', '/api/v1/auth/sessions', { as: laptop });
    expect(everywhere.json()).toEqual({ ended: 1 });
    expect((await app.call('GET', '/api/v1/auth/me', { as: rep.cookie })).status).toBe(401);
    expect((await app.call('GET', '/api/v1/auth/me', { as: laptop })).status).toBe(200);
  });

  it('writes last seen again once it is a few minutes old', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    await app.db.write((tx) =>
      tx.execute(
        `UPDATE sessions SET last_seen_at = now() - interval '1 hour' WHERE user_id = '${rep.userId}'`,
      ),
    );
    await app.call('GET', '/api/v1/auth/me', { as: rep.cookie });
    expect(
      await count(
        `SELECT count(*) AS n FROM sessions WHERE user_id = '${rep.userId}' AND last_seen_at > now() - interval '1 minute'`,
      ),
    ).toBe(1);
  });
});

describe('password reset links', () => {
  it('an admin makes a single-use link; it sets the password, ends old sessions and signs in', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    expect(
      (await app.call('POST', `/api/v1/users/${rep.userId}/password-reset`, { as: rep.cookie })).status,
    ).toBe(403);
    const link = await app.call('POST', `/api/v1/users/${rep.userId}/password-reset`, { as: admin.cookie });
    expect(link.status).toBe(201);
    const token = tokenOf(link.json<{ url: string }>().url);
    expect(token).toMatch(/^rp_/);
    const reset = await app.call('POST', '/api/v1/auth/password-reset/complete', {
      body: { token, password: newPassword },
    });
    expect(reset.status).toBe(200);
    expect(reset.json<{ session: { user: { id: string } } }>().session.user.id).toBe(rep.userId);
    expect((await app.call('GET', '/api/v1/auth/me', { as: cookieOf(reset) })).status).toBe(200);
    expect((await app.call('GET', '/api/v1/auth/me', { as: rep.cookie })).status).toBe(401);
    const again = await app.call('POST', '/api/v1/auth/password-reset/complete', {
      body: { token, password: 'yet-another-passphrase' },
    });
    expect(again.status).toBe(404);
    expect(
      (await app.call('POST', '/api/v1/auth/login', { body: { email: rep.email, password: newPassword } }))
        .status,
    ).toBe(200);
  });
});
