import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp, type TestResponse } from '../../../server/testing';
import { ssoSettings } from './tables';
import { startTestOidcProvider, type TestAccount, type TestOidcProvider } from './testOidcProvider';

/** Issue 8, single sign-on: the whole OpenID Connect round trip against a real provider on loopback. */
const origin = 'http://localhost';
const clientA = { clientId: 'rapport-a', clientSecret: 'secret-of-workspace-a' };
const clientB = { clientId: 'rapport-b', clientSecret: 'secret-of-workspace-b' };

let app: TestApp;
let provider: TestOidcProvider;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  provider = await startTestOidcProvider([clientA, clientB], `${origin}/api/v1/auth/sso/callback`);
  app = await createTestApp({
    env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32', RAPPORT_PUBLIC_URL: origin },
  });
  admin = await app.signup('SSO Co');
});
afterAll(async () => {
  await app.close();
  await provider.close();
});

const settings = (overrides: Record<string, unknown> = {}) => ({
  issuer: provider.issuer,
  ...clientA,
  allowedDomains: ['example.com'],
  ...overrides,
});

async function configure(cookie: string, overrides: Record<string, unknown> = {}) {
  const saved = await app.call('PUT', '/api/v1/auth/sso', { as: cookie, body: settings(overrides) });
  expect(saved.status, saved.body).toBe(200);
}

function cookieFrom(response: TestResponse, name: string): string | undefined {
  const found = [response.headers['set-cookie']]
    .flat()
    .map(String)
    .find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0].slice(name.length + 1);
}

/**
 * A browser in miniature: starts at Rapport, follows the provider's redirects over real HTTP with its
 * own cookie jar (the provider signs in `account` at once), and brings the answer back to Rapport.
 */
async function signIn(workspaceId: string, account: TestAccount, tamper?: (url: URL) => void) {
  provider.signInAs(account);
  const start = await app.call('GET', `/api/v1/auth/sso/start?workspace=${workspaceId}`);
  expect(start.status, start.body).toBe(303);
  const pending = cookieFrom(start, 'rapport_sso');
  let location = new URL(String(start.headers.location));
  tamper?.(location);
  const jar = new Map<string, string>();
  for (let hops = 0; location.origin === provider.issuer && hops < 10; hops++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const answer = await fetch(location, { redirect: 'manual', headers: { cookie } });
    for (const set of answer.headers.getSetCookie()) {
      const [pair] = set.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const next = answer.headers.get('location');
    if (!next) throw new Error(`the provider answered ${answer.status}: ${await answer.text()}`);
    location = new URL(next, location);
  }
  expect(location.origin).toBe(origin);
  return app.call('GET', `${location.pathname}${location.search}`, {
    headers: pending ? { cookie: `rapport_sso=${pending}` } : {},
  });
}

/** The sign-in page's error, from a refused callback's redirect. */
function refusal(response: TestResponse): string | null {
  expect(response.status).toBe(303);
  const location = new URL(String(response.headers.location), origin);
  expect(location.pathname).toBe('/sign-in');
  return location.searchParams.get('ssoError');
}

const verified = (email: string, name?: string): TestAccount => ({ email, emailVerified: true, name });

describe('SSO settings', () => {
  it('are for admins, keep the secret sealed and never answer it', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    expect((await app.call('GET', '/api/v1/auth/sso', { as: rep.cookie })).status).toBe(403);
    expect((await app.call('PUT', '/api/v1/auth/sso', { as: rep.cookie, body: settings() })).status).toBe(
      403,
    );
    await configure(admin.cookie);
    const read = await app.call('GET', '/api/v1/auth/sso', { as: admin.cookie });
    expect(read.json()).toMatchObject({
      configured: true,
      hasSecret: true,
      clientId: clientA.clientId,
      redirectUri: `${origin}/api/v1/auth/sso/callback`,
    });
    expect(read.body).not.toContain(clientA.clientSecret);
    const [stored] = await app.db.read((x) =>
      x
        .select({ secret: ssoSettings.clientSecret })
        .from(ssoSettings)
        .where(eq(ssoSettings.workspaceId, admin.workspaceId)),
    );
    expect(stored.secret).toMatch(/^v1\./);
    expect(stored.secret).not.toContain(clientA.clientSecret);
    // Leaving the secret out keeps it.
    const kept = await app.call('PUT', '/api/v1/auth/sso', {
      as: admin.cookie,
      body: { ...settings(), clientSecret: undefined },
    });
    expect(kept.json()).toMatchObject({ hasSecret: true });
  });

  it('refuses API keys, private hosts and just-in-time users without a domain', async () => {
    const key = await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'ops' } });
    const token = key.json<{ token: string }>().token;
    expect((await app.call('PUT', '/api/v1/auth/sso', { as: token, body: settings() })).status).toBe(403);
    const privateHost = await app.call('PUT', '/api/v1/auth/sso', {
      as: admin.cookie,
      body: settings({ issuer: 'http://10.0.0.1' }),
    });
    expect(privateHost.status).toBe(400);
    expect(privateHost.body).toContain('private network');
    const open = await app.call('PUT', '/api/v1/auth/sso', {
      as: admin.cookie,
      body: settings({ allowedDomains: [], createUsers: true }),
    });
    expect(open.status).toBe(400);
  });

  it('tests discovery and reports the outcome in words', async () => {
    await configure(admin.cookie);
    const ok = await app.call('POST', '/api/v1/auth/sso/test', { as: admin.cookie });
    expect(ok.json()).toMatchObject({ ok: true });
    expect(ok.json<{ message: string }>().message).toContain(provider.issuer);
    const other = await app.signup('Broken SSO Co');
    await configure(other.cookie, { issuer: 'http://127.0.0.1:9/nothing-here' });
    const broken = await app.call('POST', '/api/v1/auth/sso/test', { as: other.cookie });
    expect(broken.json()).toMatchObject({ ok: false });
    expect(broken.json<{ message: string }>().message).toMatch(/^Discovery failed: /);
  });
});

describe('signing in with SSO', () => {
  it('signs in an existing user with the same session as a password sign-in', async () => {
    await configure(admin.cookie);
    const rep = await app.addUser(admin.cookie, 'rep');
    const back = await signIn(admin.workspaceId, verified(rep.email));
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/');
    const session = cookieFrom(back, 'rapport_session');
    expect(session).toMatch(/^rs_/);
    const me = await app.call('GET', '/api/v1/auth/me', { as: session });
    expect(me.json()).toMatchObject({ user: { id: rep.userId }, workspace: { id: admin.workspaceId } });
  });

  it('refuses a tampered state or nonce', async () => {
    await configure(admin.cookie);
    const rep = await app.addUser(admin.cookie, 'rep');
    const state = await signIn(admin.workspaceId, verified(rep.email), (url) =>
      url.searchParams.set('state', 'forged-state'),
    );
    expect(refusal(state)).toMatch(/could not be verified/);
    expect(cookieFrom(state, 'rapport_session')).toBeUndefined();
    const nonce = await signIn(admin.workspaceId, verified(rep.email), (url) =>
      url.searchParams.set('nonce', 'forged-nonce'),
    );
    expect(refusal(nonce)).toMatch(/could not be verified/);
    expect(cookieFrom(nonce, 'rapport_session')).toBeUndefined();
  });

  it('shows the provider’s own refusal in words', async () => {
    await configure(admin.cookie);
    const rep = await app.addUser(admin.cookie, 'rep');
    const back = await signIn(admin.workspaceId, { ...verified(rep.email), cancels: true });
    expect(refusal(back)).toBe('The identity provider refused: The sign-in was cancelled');
  });

  it('refuses a callback without the browser that started it', async () => {
    const back = await app.call('GET', '/api/v1/auth/sso/callback?code=abc&state=def');
    expect(refusal(back)).toMatch(/start again/);
  });

  it('refuses an address the provider has not verified', async () => {
    await configure(admin.cookie);
    const rep = await app.addUser(admin.cookie, 'rep');
    const back = await signIn(admin.workspaceId, { email: rep.email, emailVerified: false });
    expect(refusal(back)).toContain('has not verified');
  });

  it('refuses a domain the workspace does not allow', async () => {
    await configure(admin.cookie, { allowedDomains: ['example.org'] });
    const rep = await app.addUser(admin.cookie, 'rep');
    const back = await signIn(admin.workspaceId, verified(rep.email));
    expect(refusal(back)).toContain('Addresses at example.com may not sign in');
  });

  it('refuses someone unknown unless just-in-time creation is on, then creates them with the default role', async () => {
    await configure(admin.cookie, { createUsers: false });
    const email = `newcomer-${Date.now()}@example.com`;
    expect(refusal(await signIn(admin.workspaceId, verified(email)))).toContain('not a member');
    await configure(admin.cookie, { createUsers: true, defaultRole: 'viewer' });
    const back = await signIn(admin.workspaceId, verified(email, 'Nora Newcomer'));
    const me = await app.call('GET', '/api/v1/auth/me', { as: cookieFrom(back, 'rapport_session') });
    expect(me.json()).toMatchObject({ user: { email, name: 'Nora Newcomer', role: 'viewer' } });
  });

  it('never uses another workspace’s settings', async () => {
    await configure(admin.cookie, { createUsers: false });
    const other = await app.signup('Other SSO Co');
    await configure(other.cookie, { ...clientB, createUsers: true });
    // Someone who could join the other workspace is still unknown here.
    const email = `elsewhere-${Date.now()}@example.com`;
    expect(refusal(await signIn(admin.workspaceId, verified(email)))).toContain('not a member');
    // An ID token made out to the other workspace's client is not accepted for this one.
    const rep = await app.addUser(admin.cookie, 'rep');
    const swapped = await signIn(admin.workspaceId, verified(rep.email), (url) =>
      url.searchParams.set('client_id', clientB.clientId),
    );
    expect(refusal(swapped)).toMatch(/could not be verified/);
    const users = await app.call('GET', '/api/v1/users', { as: other.cookie });
    expect(users.body).not.toContain(email);
  });

  it('sends the browser back to the sign-in page when the workspace has no SSO', async () => {
    const plain = await app.signup('No SSO Co');
    const start = await app.call('GET', `/api/v1/auth/sso/start?workspace=${plain.workspaceId}`);
    expect(refusal(start)).toContain('not set up');
    const available = await app.call('GET', `/api/v1/auth/sso/available?workspace=${plain.workspaceId}`);
    expect(available.json()).toEqual({ workspaceName: 'No SSO Co', sso: false });
  });
});

describe('require SSO', () => {
  it('refuses password sign-in to a rep but not to an admin', async () => {
    await configure(admin.cookie, { requireSso: true });
    const rep = await app.addUser(admin.cookie, 'rep').catch(() => null);
    // addUser signs the new user in with their password, which is now refused.
    expect(rep).toBeNull();
    const users = await app.call('GET', '/api/v1/users', { as: admin.cookie });
    const added = users
      .json<{ data: { email: string; role: string }[] }>()
      .data.find((u) => u.role === 'rep');
    const refused = await app.call('POST', '/api/v1/auth/login', {
      body: { email: added!.email, password: testPassword },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Sign in with SSO');
    const adminLogin = await app.call('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: testPassword },
    });
    expect(adminLogin.status).toBe(200);
    const viaSso = await signIn(admin.workspaceId, verified(added!.email));
    expect(cookieFrom(viaSso, 'rapport_session')).toMatch(/^rs_/);
    await configure(admin.cookie, { requireSso: false });
  });
});
