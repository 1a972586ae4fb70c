import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../../../server/testing';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

/** Turns TOTP on for a signed-in user; answers their authenticator and recovery codes. */
async function enrol(cookie: string) {
  const setup = await app.call('POST', '/api/v1/auth/totp/setup', { as: cookie });
  expect(setup.status).toBe(200);
  const { secret, qrCode } = setup.json<{ secret: string; qrCode: string }>();
  expect(qrCode).toMatch(/^data:image\/png;base64,/);
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  const confirmed = await app.call('POST', '/api/v1/auth/totp/confirm', {
    as: cookie,
    body: { code: totp.generate() },
  });
  expect(confirmed.status).toBe(200);
  return { totp, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

const login = (body: Record<string, string>) => app.call('POST', '/api/v1/auth/login', { body });

describe('recovery codes', () => {
  it('are ten distinct codes, stored hashed, each working once at sign-in in place of a code', async () => {
    const admin = await app.signup('Recovery Co');
    const { recoveryCodes } = await enrol(admin.cookie);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = JSON.stringify(
      await app.db.read((x) =>
        x.execute(`SELECT code_hash FROM recovery_codes WHERE user_id = '${admin.userId}'`),
      ),
    );
    for (const code of recoveryCodes) expect(stored).not.toContain(code);

    const first = await login({ email: admin.email, password: testPassword, recoveryCode: recoveryCodes[0] });
    expect(first.status).toBe(200);
    // Typed in capitals with a space instead of the dash, a code still counts.
    const second = await login({
      email: admin.email,
      password: testPassword,
      recoveryCode: recoveryCodes[1].toUpperCase().replace('-', ' '),
    });
    expect(second.status).toBe(200);
    const again = await login({ email: admin.email, password: testPassword, recoveryCode: recoveryCodes[0] });
    expect(again.status).toBe(401);
    const made = await login({ email: admin.email, password: testPassword, recoveryCode: 'aaaaa-bbbbb' });
    expect(made.status).toBe(401);
    const status = await app.call('GET', '/api/v1/auth/two-factor', { as: admin.cookie });
    expect(status.json()).toEqual({ enabled: true, required: false, recoveryCodesLeft: 8 });
  });

  it('are renewed against a current code, and the old set stops working', async () => {
    const admin = await app.signup('Renew Co');
    const { totp, recoveryCodes } = await enrol(admin.cookie);
    expect(
      (await app.call('POST', '/api/v1/auth/recovery-codes', { as: admin.cookie, body: { code: '12345' } }))
        .status,
    ).toBe(400);
    // The next period's code: the one used to enrol may count as spent.
    const renewed = await app.call('POST', '/api/v1/auth/recovery-codes', {
      as: admin.cookie,
      body: { code: totp.generate({ timestamp: Date.now() + 30_000 }) },
    });
    expect(renewed.status).toBe(200);
    const fresh = renewed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(
      (await login({ email: admin.email, password: testPassword, recoveryCode: recoveryCodes[0] })).status,
    ).toBe(401);
    expect((await login({ email: admin.email, password: testPassword, recoveryCode: fresh[0] })).status).toBe(
      200,
    );
  });
});

describe('an admin resets a second factor', () => {
  it('clears TOTP and recovery codes and ends the sessions of that user only', async () => {
    const admin = await app.signup('Reset Co');
    const rep = await app.addUser(admin.cookie, 'rep');
    const { recoveryCodes } = await enrol(rep.cookie);
    expect(
      (await app.call('POST', `/api/v1/users/${rep.userId}/two-factor/reset`, { as: rep.cookie })).status,
    ).toBe(403);
    const reset = await app.call('POST', `/api/v1/users/${rep.userId}/two-factor/reset`, {
      as: admin.cookie,
    });
    expect(reset.status).toBe(204);
    expect((await app.call('GET', '/api/v1/auth/me', { as: rep.cookie })).status).toBe(401);
    const users = await app.call('GET', '/api/v1/users', { as: admin.cookie });
    expect(
      users.json<{ data: { id: string; totpEnabled: boolean }[] }>().data.find((u) => u.id === rep.userId),
    ).toMatchObject({ totpEnabled: false });
    const [{ n }] = (
      (await app.db.read((x) =>
        x.execute(`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = '${rep.userId}'`),
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(n).toBe(0);
    expect((await login({ email: rep.email, password: testPassword })).status).toBe(200);
    expect(
      (await login({ email: rep.email, password: testPassword, recoveryCode: recoveryCodes[0] })).status,
    ).toBe(200);
    const other = await app.signup('Elsewhere Co');
    expect(
      (await app.call('POST', `/api/v1/users/${rep.userId}/two-factor/reset`, { as: other.cookie })).status,
    ).toBe(404);
  });
});

describe('the require-two-factor policy', () => {
  it('cannot be saved until the admin has a second factor, with a clear message', async () => {
    const admin = await app.signup('Policy Co');
    const refused = await app.call('PATCH', '/api/v1/workspace', {
      as: admin.cookie,
      body: { requireTwoFactor: true },
    });
    expect(refused.status).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toMatch(
      /Set up two-factor sign-in or a passkey for yourself first/,
    );
    const me = await app.call('GET', '/api/v1/auth/me', { as: admin.cookie });
    expect(me.json<{ workspace: { requireTwoFactor: boolean } }>().workspace.requireTwoFactor).toBe(false);
    await enrol(admin.cookie);
    const saved = await app.call('PATCH', '/api/v1/workspace', {
      as: admin.cookie,
      body: { requireTwoFactor: true },
    });
    expect(saved.status).toBe(200);
    expect((await app.call('GET', '/api/v1/accounts', { as: admin.cookie })).status).toBe(200);
  });

  it('lets a user without a second factor reach only sign-in settings until they set one up', async () => {
    const admin = await app.signup('Strict Setup Co');
    const rep = await app.addUser(admin.cookie, 'rep');
    await enrol(admin.cookie);
    await app.call('PATCH', '/api/v1/workspace', { as: admin.cookie, body: { requireTwoFactor: true } });
    expect((await app.call('GET', '/api/v1/accounts', { as: rep.cookie })).status).toBe(403);
    const session = await app.call('GET', '/api/v1/auth/session', { as: rep.cookie });
    expect(session.json()).toMatchObject({
      session: { user: { totpEnabled: false }, workspace: { requireTwoFactor: true } },
    });
    expect((await app.call('GET', '/api/v1/auth/two-factor', { as: rep.cookie })).json()).toEqual({
      enabled: false,
      required: true,
      recoveryCodesLeft: 0,
    });
    await enrol(rep.cookie);
    expect((await app.call('GET', '/api/v1/accounts', { as: rep.cookie })).status).toBe(200);
  });
});

describe('the session check', () => {
  it('answers 200 with null when nobody is signed in, or the session has ended', async () => {
    const anonymous = await app.call('GET', '/api/v1/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.json()).toEqual({ session: null });
    const admin = await app.signup('Check Co');
    const signedIn = await app.call('GET', '/api/v1/auth/session', { as: admin.cookie });
    expect(signedIn.json<{ session: { user: { id: string } } }>().session.user.id).toBe(admin.userId);
    await app.call('POST', '/api/v1/auth/logout', { as: admin.cookie });
    expect((await app.call('GET', '/api/v1/auth/session', { as: admin.cookie })).json()).toEqual({
      session: null,
    });
  });
});
