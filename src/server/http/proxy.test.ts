import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app';
import { readSettings } from '../env';
import { createTestApp, type TestApp } from '../testing';

/**
 * Issue 8, finding 4: behind a proxy only the proxies the operator names are believed, and the
 * sign-in limit per client address holds across server processes (it lives in the database).
 */
const limit = 20;

async function wrongLogins(
  send: (i: number) => Promise<{ status: number }>,
  attempts: number,
): Promise<number[]> {
  const statuses: number[] = [];
  // A different unknown email each time: only the limit per address can refuse them.
  for (let i = 0; i < attempts; i++) statuses.push((await send(i)).status);
  return statuses;
}

const body = (i: number) => ({ email: `nobody${i}-${Date.now()}@example.com`, password: 'wrong-password-1' });

describe.each(['1', '127.0.0.0/8, 10.9.9.9'])('RAPPORT_TRUST_PROXY=%s', (setting) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { RAPPORT_TRUST_PROXY: setting, RAPPORT_LOGIN_LIMIT: String(limit) } });
  });
  afterAll(() => app.close());

  it('takes the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    const statuses = await wrongLogins(
      (i) =>
        app.call('POST', '/api/v1/auth/login', {
          body: body(i),
          // The client sent "10.0.i.1"; the proxy (127.0.0.1) appended the address it saw.
          headers: { 'x-forwarded-for': `10.0.${i}.1, 203.0.113.7` },
        }),
      limit + 5,
    );
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(limit)).toEqual([429, 429, 429, 429, 429]);
  });
});

describe('the sign-in limit across server processes', () => {
  let app: TestApp;
  let other: App;
  beforeAll(async () => {
    app = await createTestApp({ env: { RAPPORT_LOGIN_LIMIT: String(limit) } });
    other = await buildApp({
      db: app.db,
      settings: readSettings({
        RAPPORT_DATA_DIR: '/tmp',
        RAPPORT_SECRET: 'test-secret-of-enough-length',
        RAPPORT_LOGIN_LIMIT: String(limit),
      }),
    });
  });
  afterAll(async () => {
    await other.close();
    await app.close();
  });

  it('is one count for every process: alternating between two servers does not double it', async () => {
    const statuses = await wrongLogins(async (i) => {
      if (i % 2 === 0) return app.call('POST', '/api/v1/auth/login', { body: body(i) });
      const r = await other.fastify.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body(i)),
      });
      return { status: r.statusCode };
    }, limit + 1);
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses[limit]).toBe(429);
  });
});

describe('reading RAPPORT_TRUST_PROXY', () => {
  const read = (value: string) => readSettings({ RAPPORT_TRUST_PROXY: value }).RAPPORT_TRUST_PROXY;
  it('takes a hop count, a list of addresses and ranges, or nothing', () => {
    expect(read('0')).toBe(0);
    expect(readSettings({}).RAPPORT_TRUST_PROXY).toBe(0);
    expect(read('2')).toBe(2);
    expect(read('10.0.0.1, 10.1.0.0/16,::1')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
  });
  it('refuses anything else, naming the setting', () => {
    expect(() => read('true')).toThrow(/RAPPORT_TRUST_PROXY/);
    expect(() => read('10.0.0.0/40')).toThrow(/RAPPORT_TRUST_PROXY/);
  });
});
