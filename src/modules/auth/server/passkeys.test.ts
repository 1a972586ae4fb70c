import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, testPassword, type TestApp } from '../../../server/testing';
import { TestAuthenticator } from './testAuthenticator';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

/** The test server's address as a browser sees it (the inject default host). */
const origin = 'http://localhost';
type Json = Record<string, unknown>;

/** The ceremony cookie a step set, to send back with the next one. */
function ceremonyCookie(response: { headers: Record<string, unknown> }): string {
  const set = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('rapport_passkey='));
  if (!set) throw new Error('no passkey cookie');
  return String(set).split(';')[0];
}

/** A call with the session (if any) and the ceremony cookie together. */
function withCeremony(method: 'POST', url: string, cookie: string, session: string | null, body?: unknown) {
  const cookies = [cookie, ...(session ? [`rapport_session=${session}`] : [])].join('; ');
  return app.call(method, url, { body, headers: { cookie: cookies } });
}

async function addPasskey(session: string, authenticator: TestAuthenticator, name = 'Laptop') {
  const started = await app.call('POST', '/api/v1/auth/passkeys/options', { as: session });
  expect(started.status).toBe(200);
  const { options } = started.json<{ options: Json }>();
  const response = authenticator.create(options as never);
  return withCeremony('POST', '/api/v1/auth/passkeys', ceremonyCookie(started), session, { name, response });
}

/** Asks for sign-in options and answers them with the authenticator: the body and cookie to send. */
async function assertion(authenticator: TestAuthenticator, from = origin) {
  const started = await app.call('POST', '/api/v1/auth/passkeys/sign-in/options');
  expect(started.status).toBe(200);
  const { options } = started.json<{ options: { challenge: string; rpId: string } }>();
  return { response: authenticator.get(options, from), cookie: ceremonyCookie(started) };
}

const signIn = (a: { response: unknown; cookie: string }) =>
  withCeremony('POST', '/api/v1/auth/passkeys/sign-in', a.cookie, null, { response: a.response });

describe('passkeys', () => {
  it('are added after a recent sign-in, listed, and counted on the session', async () => {
    const admin = await app.signup('Passkey Add Co');
    const authenticator = new TestAuthenticator(origin);
    const added = await addPasskey(admin.cookie, authenticator);
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Laptop', backedUp: false, lastUsedAt: null });
    const list = await app.call('GET', '/api/v1/auth/passkeys', { as: admin.cookie });
    expect(list.json<{ passkeys: Json[] }>().passkeys).toHaveLength(1);
    const session = await app.call('GET', '/api/v1/auth/session', { as: admin.cookie });
    expect(session.json<{ session: { user: Json } }>().session.user).toMatchObject({ passkeys: 1 });
    // Only the public key is stored.
    const [stored] = await app.db.read((x) =>
      rows<{ public_key: string; transports: string[] }>(
        x,
        sql`SELECT public_key, transports FROM passkeys WHERE user_id = ${admin.userId}`,
      ),
    );
    expect(stored.public_key).toMatch(/^[A-Za-z0-9_-]{60,}$/);
    expect(stored.transports).toEqual(['internal']);
  });

  it('sign in alone, once per challenge, and a copied authenticator (counter not moving on) is refused', async () => {
    const admin = await app.signup('Passkey Sign-in Co');
    const authenticator = new TestAuthenticator(origin);
    expect((await addPasskey(admin.cookie, authenticator)).status).toBe(201);
    const first = await assertion(authenticator);
    const signedIn = await signIn(first);
    expect(signedIn.status).toBe(200);
    expect(signedIn.json<{ user: { email: string } }>().user.email).toBe(admin.email);
    expect(String(signedIn.headers['set-cookie'])).toContain('rapport_session=rs_');
    // The same signed challenge again: spent.
    expect((await signIn(first)).status).toBe(401);
    // A clone replays an old counter.
    authenticator.credentials[0].counter = 0;
    const cloned = await signIn(await assertion(authenticator));
    expect(cloned.status).toBe(401);
    expect(cloned.json<{ detail: string }>().detail).toMatch(/counter/i);
    const list = await app.call('GET', '/api/v1/auth/passkeys', { as: admin.cookie });
    expect(list.json<{ passkeys: { lastUsedAt: string | null }[] }>().passkeys[0].lastUsedAt).not.toBeNull();
  });

  it('are refused from another site, without the ceremony cookie, without user verification, or unknown', async () => {
    const admin = await app.signup('Passkey Refusals Co');
    const authenticator = new TestAuthenticator(origin);
    expect((await addPasskey(admin.cookie, authenticator)).status).toBe(201);
    const phished = await signIn(await assertion(authenticator, 'https://rapport.example.net'));
    expect(phished.status).toBe(401);
    expect(phished.json<{ detail: string }>().detail).toMatch(/origin/i);
    const noCookie = await assertion(authenticator);
    const lost = await app.call('POST', '/api/v1/auth/passkeys/sign-in', {
      body: { response: noCookie.response },
    });
    expect(lost.status).toBe(401);
    expect(lost.json<{ detail: string }>().detail).toMatch(/took too long/);
    authenticator.userVerified = false;
    const unverified = await signIn(await assertion(authenticator));
    expect(unverified.status).toBe(401);
    expect(unverified.json<{ detail: string }>().detail).toMatch(/verif/i);
    const stranger = new TestAuthenticator(origin);
    stranger.create({
      challenge: 'x',
      rp: { id: 'localhost' },
      user: { id: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url') },
    });
    expect((await signIn(await assertion(stranger))).status).toBe(401);
  });

  it('stand in for the code after a password, and then the password alone no longer signs in', async () => {
    const admin = await app.signup('Passkey Second Factor Co');
    const rep = await app.addUser(admin.cookie, 'rep');
    const authenticator = new TestAuthenticator(origin);
    expect((await addPasskey(rep.cookie, authenticator)).status).toBe(201);
    const password = { email: rep.email, password: testPassword };
    expect((await app.call('POST', '/api/v1/auth/login', { body: password })).status).toBe(401);
    // A security key that only shows presence is enough after the password.
    authenticator.userVerified = false;
    const second = await assertion(authenticator);
    const withKey = await withCeremony('POST', '/api/v1/auth/login', second.cookie, null, {
      ...password,
      passkey: second.response,
    });
    expect(withKey.status).toBe(200);
    // Another user's passkey does not stand in for this one's.
    const other = new TestAuthenticator(origin);
    expect((await addPasskey(admin.cookie, other)).status).toBe(201);
    const foreign = await assertion(other);
    const refused = await withCeremony('POST', '/api/v1/auth/login', foreign.cookie, null, {
      ...password,
      passkey: foreign.response,
    });
    expect(refused.status).toBe(401);
    expect(refused.json<{ detail: string }>().detail).toBe('Wrong email, password or two-factor code');
  });

  it('meet the workspace’s two-factor policy, and the last one stays while it is on; an admin reset clears them', async () => {
    const admin = await app.signup('Passkey Policy Co');
    const policy = { body: { requireTwoFactor: true }, as: admin.cookie };
    expect((await app.call('PATCH', '/api/v1/workspace', policy)).status).toBe(409);
    const authenticator = new TestAuthenticator(origin);
    expect((await addPasskey(admin.cookie, authenticator)).status).toBe(201);
    expect((await app.call('PATCH', '/api/v1/workspace', policy)).status).toBe(200);
    // The admin works on with the passkey as second factor.
    expect((await app.call('GET', '/api/v1/accounts', { as: admin.cookie })).status).toBe(200);
    const [mine] = (await app.call('GET', '/api/v1/auth/passkeys', { as: admin.cookie })).json<{
      passkeys: { id: string }[];
    }>().passkeys;
    const removed = await app.call('DELETE', `/api/v1/auth/passkeys/${mine.id}`, { as: admin.cookie });
    expect(removed.status).toBe(409);

    const rep = await app.addUser(admin.cookie, 'rep');
    expect((await app.call('GET', '/api/v1/accounts', { as: rep.cookie })).status).toBe(403);
    const repKey = new TestAuthenticator(origin);
    expect((await addPasskey(rep.cookie, repKey)).status).toBe(201);
    expect((await app.call('GET', '/api/v1/accounts', { as: rep.cookie })).status).toBe(200);
    const reset = await app.call('POST', `/api/v1/users/${rep.userId}/two-factor/reset`, {
      as: admin.cookie,
    });
    expect(reset.status).toBe(204);
    const left = await app.db.read((x) => rows(x, sql`SELECT 1 FROM passkeys WHERE user_id = ${rep.userId}`));
    expect(left).toHaveLength(0);
  });

  it('are removed by their owner only', async () => {
    const admin = await app.signup('Passkey Remove Co');
    const rep = await app.addUser(admin.cookie, 'rep');
    expect((await addPasskey(admin.cookie, new TestAuthenticator(origin))).status).toBe(201);
    const [key] = (await app.call('GET', '/api/v1/auth/passkeys', { as: admin.cookie })).json<{
      passkeys: { id: string }[];
    }>().passkeys;
    expect((await app.call('DELETE', `/api/v1/auth/passkeys/${key.id}`, { as: rep.cookie })).status).toBe(
      404,
    );
    expect((await app.call('DELETE', `/api/v1/auth/passkeys/${key.id}`, { as: admin.cookie })).status).toBe(
      204,
    );
    expect(
      (await app.call('GET', '/api/v1/auth/passkeys', { as: admin.cookie })).json<{ passkeys: [] }>()
        .passkeys,
    ).toEqual([]);
  });

  it('answer bad input in words: no name, a malformed answer, the same key twice, an IP address, an API key', async () => {
    const admin = await app.signup('Passkey Input Co');
    const authenticator = new TestAuthenticator(origin);
    const started = await app.call('POST', '/api/v1/auth/passkeys/options', { as: admin.cookie });
    const { options } = started.json<{ options: Json }>();
    const response = authenticator.create(options as never);
    const cookie = ceremonyCookie(started);
    const post = (body: unknown) => withCeremony('POST', '/api/v1/auth/passkeys', cookie, admin.cookie, body);
    expect((await post({ name: '', response })).status).toBe(400);
    expect((await post({ name: 'Key', response: { ...response, type: 'password' } })).status).toBe(400);
    const garbled = { ...response, response: { ...response.response, attestationObject: 'AAAA' } };
    const broken = await post({ name: 'Key', response: garbled });
    expect(broken.status).toBe(400);
    expect(broken.json<{ detail: string }>().detail).toMatch(/could not be checked/);
    // The garbled try spent the challenge: a new ceremony adds the key, and the same key again is refused.
    expect((await addPasskey(admin.cookie, authenticator)).status).toBe(201);
    const again = await app.call('POST', '/api/v1/auth/passkeys/options', { as: admin.cookie });
    const excluded = again.json<{ options: { excludeCredentials: unknown[] } }>().options.excludeCredentials;
    expect(excluded).toHaveLength(1);

    const byAddress = await app.call('POST', '/api/v1/auth/passkeys/options', {
      as: admin.cookie,
      headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' },
    });
    expect(byAddress.status).toBe(409);
    expect(byAddress.json<{ detail: string }>().detail).toMatch(/not at the address 127\.0\.0\.1/);

    const key = await app.call('POST', '/api/v1/api-keys', {
      as: admin.cookie,
      body: { name: 'K', role: 'admin' },
    });
    const token = key.json<{ token: string }>().token;
    expect((await app.call('POST', '/api/v1/auth/passkeys/options', { as: token })).status).toBe(403);
  });
});
