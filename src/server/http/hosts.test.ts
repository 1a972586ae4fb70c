import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/** Issue 8, finding 7: DNS rebinding. A request must name this server, not any host that resolves to it. */
describe.each([
  ['without RAPPORT_PUBLIC_URL', {}],
  ['with RAPPORT_PUBLIC_URL', { RAPPORT_PUBLIC_URL: 'https://crm.example.com' }],
])('%s', (_label, env: Record<string, string>) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env });
  });
  afterAll(() => app.close());

  const signupFrom = (host: string) =>
    app.call('POST', '/api/v1/auth/signup', {
      headers: { host, origin: `http://${host}` },
      body: {
        workspaceName: 'Rebound',
        name: 'Eve',
        email: `eve-${Date.now()}@example.com`,
        password: 'x'.repeat(12),
      },
    });

  it('refuses a host name it was not told about, writing nothing', async () => {
    const rebound = await signupFrom('evil.example:3000');
    expect(rebound.status).toBe(421);
    expect(rebound.json().detail).toMatch(/RAPPORT_PUBLIC_URL/);
    const health = await app.call('GET', '/api/health', { headers: { host: 'evil.example' } });
    expect(health.status).toBe(421);
  });

  it('answers localhost and IP addresses', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000'])
      expect((await app.call('GET', '/api/health', { headers: { host } })).status, host).toBe(200);
  });

  it.runIf(env.RAPPORT_PUBLIC_URL)('answers the public host', async () => {
    const health = await app.call('GET', '/api/health', { headers: { host: 'crm.example.com' } });
    expect(health.status).toBe(200);
  });
});
