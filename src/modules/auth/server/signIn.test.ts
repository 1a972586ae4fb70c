import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../../../server/testing';

/** Issue 8, findings 3 (one email across workspaces), 5 (two-factor codes) and 6 (failed sign-ins). */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Sign-in Co');
});
afterAll(() => app.close());

let address = 0;
/** A client address of its own for each test, so that their failed sign-ins do not add up. */
const newAddress = () => `198.51.100.${++address}`;

const login = (body: Record<string, unknown>, remoteAddress: string) =>
  app.call('POST', '/api/v1/auth/login', { body, remoteAddress });

async function withTotp(role = 'rep') {
  const user = await app.addUser(admin.cookie, role);
  const { secret } = (await app.call('POST', '/api/v1/auth/totp/setup', { as: user.cookie })).json<{
    secret: string;
  }>();
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  const confirmed = await app.call('POST', '/api/v1/auth/totp/confirm', {
    as: user.cookie,
    body: { code: totp.generate() },
  });
  expect(confirmed.status).toBe(200);
  // The confirming code is spent; the next step's code is valid now too (one step of drift).
  return { ...user, nextCode: () => totp.generate({ timestamp: Date.now() + 30_000 }) };
}

describe('one email in several workspaces', () => {
  it('lets another workspace add an address used elsewhere, answering as for a new one', async () => {
    const other = await app.signup('Other Co');
    const fresh = await app.call('POST', '/api/v1/users', {
      as: other.cookie,
      body: { email: 'someone-new@example.com', name: 'New', password: testPassword, role: 'rep' },
    });
    const taken = await app.call('POST', '/api/v1/users', {
      as: other.cookie,
      body: { email: admin.email, name: 'Same person', password: 'another-password-2', role: 'rep' },
    });
    expect(fresh.status).toBe(201);
    expect(taken.status).toBe(201);
    expect(taken.json<{ email: string }>().email).toBe(admin.email);
    // Each password signs in to its own workspace.
    const ip = newAddress();
    const first = await login({ email: admin.email, password: testPassword }, ip);
    const second = await login({ email: admin.email, password: 'another-password-2' }, ip);
    expect(first.json<{ workspace: { id: string } }>().workspace.id).toBe(admin.workspaceId);
    expect(second.json<{ workspace: { id: string } }>().workspace.id).toBe(other.workspaceId);
  });

  it('asks which workspace when one password opens several, and only then names them', async () => {
    const shared = `shared-${Date.now()}@example.com`;
    const a = await app.signup('Alpha Co');
    const b = await app.signup('Beta Co');
    for (const ws of [a, b]) {
      const added = await app.call('POST', '/api/v1/users', {
        as: ws.cookie,
        body: { email: shared, name: 'Shared', password: testPassword, role: 'rep' },
      });
      expect(added.status).toBe(201);
    }
    const ip = newAddress();
    const wrong = await login({ email: shared, password: 'wrong-password-1' }, ip);
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('Alpha');
    const ambiguous = await login({ email: shared, password: testPassword }, ip);
    expect(ambiguous.status).toBe(409);
    expect(
      ambiguous
        .json<{ workspaces: { name: string }[] }>()
        .workspaces.map((w) => w.name)
        .sort(),
    ).toEqual(['Alpha Co', 'Beta Co']);
    const chosen = await login({ email: shared, password: testPassword, workspaceId: b.workspaceId }, ip);
    expect(chosen.status).toBe(200);
    expect(chosen.json<{ workspace: { id: string } }>().workspace.id).toBe(b.workspaceId);
  });

  it('limits how many users one session adds per minute', async () => {
    const busy = await app.signup('Busy Co');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const created = await app.call('POST', '/api/v1/users', {
        as: busy.cookie,
        body: {
          email: `bulk${i}-${Date.now()}@example.com`,
          name: `Bulk ${i}`,
          password: testPassword,
          role: 'rep',
        },
      });
      statuses.push(created.status);
      if (created.status === 429) expect(Number(created.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('two-factor codes', () => {
  it('answers a right password without a code exactly like a wrong password', async () => {
    const user = await withTotp();
    const ip = newAddress();
    const noCode = await login({ email: user.email, password: testPassword }, ip);
    const wrong = await login({ email: user.email, password: 'wrong-password-1' }, ip);
    expect(noCode.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(noCode.json().detail).toBe(wrong.json().detail);
  });

  it('counts wrong codes: twelve wrong, then the right one, is still refused', async () => {
    const user = await withTotp();
    const ip = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const code = String((Number(user.nextCode()) + 1 + i) % 1_000_000).padStart(6, '0');
      statuses.push((await login({ email: user.email, password: testPassword, totp: code }, ip)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const right = await login({ email: user.email, password: testPassword, totp: user.nextCode() }, ip);
    expect(right.status).toBe(429);
  });

  it('accepts a code once: the same code again, even within its window, is refused', async () => {
    const user = await withTotp();
    const ip = newAddress();
    const code = user.nextCode();
    expect((await login({ email: user.email, password: testPassword, totp: code }, ip)).status).toBe(200);
    expect((await login({ email: user.email, password: testPassword, totp: code }, ip)).status).toBe(401);
  });

  it('answers a clear error, not a 500, when the secret key that sealed the code is missing', async () => {
    const user = await withTotp();
    // A restore without secret.key: the seed was sealed with another key than the server has.
    const { SecretBox } = await import('../../../server/secrets');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const sealedElsewhere = new SecretBox(undefined, mkdtempSync(`${tmpdir()}/rapport-key-`)).seal(
      'JBSWY3DPEHPK3PXP',
    );
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE users SET totp_secret = ${sealedElsewhere} WHERE id = ${user.userId}`),
    );
    const answer = await login({ email: user.email, password: testPassword, totp: '123456' }, newAddress());
    expect(answer.status).toBe(503);
    expect(answer.json().detail).toMatch(/secret\.key/);
  });
});

describe('failed sign-ins', () => {
  it('slow down the email and address that failed, not the account: its user still signs in from elsewhere', async () => {
    const victim = await app.addUser(admin.cookie, 'rep');
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) await login({ email: victim.email, password: 'wrong-password-1' }, attacker);
    const blocked = await login({ email: victim.email, password: testPassword }, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login({ email: victim.email, password: testPassword }, newAddress())).status).toBe(200);
  });

  it('answer an unknown email and a known one alike, before and after the slowdown', async () => {
    const known = await app.addUser(admin.cookie, 'rep');
    const ip = newAddress();
    const answers = async (email: string) => {
      const out: { status: number; detail: string }[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await login({ email, password: 'wrong-password-1' }, ip);
        out.push({ status: r.status, detail: String(r.json().detail) });
      }
      return out;
    };
    const forKnown = await answers(known.email);
    const forUnknown = await answers(`nobody-${Date.now()}@example.com`);
    expect(forKnown).toEqual(forUnknown);
    expect(forKnown.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('start counting again once the window has passed, and after a success', async () => {
    const user = await app.addUser(admin.cookie, 'rep');
    const ip = newAddress();
    const wrong = () => login({ email: user.email, password: 'wrong-password-1' }, ip);
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(429);
    await app.db.write((tx) =>
      tx.execute(
        sql`UPDATE rate_limits SET reset_at = now() - interval '1 second' WHERE key LIKE 'signin|%'`,
      ),
    );
    // The window ended: one more mistake is one mistake, not a new lock.
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    expect((await login({ email: user.email, password: testPassword }, ip)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
  });
});
