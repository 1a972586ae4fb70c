import { describe, expect, it } from 'vitest';
import { setUpBadInput, app, admin, key, refused, paths, createAccount } from './badInput.setup';

setUpBadInput();

/** 400 with every bad path, 413, 401 and the CSRF check: each refusal writes nothing. */

describe('400: malformed or mistyped input names each bad path', () => {
  it('answers malformed JSON with a 400 problem', async () => {
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: '{"name": "x",' }),
    );
    expect(p.errors).toEqual([{ path: '', message: 'malformed JSON' }]);
    await refused(
      400,
      () => app.call('POST', '/api/v1/accounts/query', { as: admin.cookie, body: '{filter:}' }),
      () => app.call('POST', '/api/v1/accounts/bulk', { as: admin.cookie, body: '[' }),
    );
  });

  it('names every field of the wrong type, with a message about the type', async () => {
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: {
          name: 5,
          employees: 'many',
          annualRevenue: '12.34567',
          tags: 'vip',
          billingAddress: { city: 7 },
          domain: 'not a domain',
          industry: 'Spaceships',
        },
      }),
    );
    expect(paths(p).sort()).toEqual(
      ['annualRevenue', 'billingAddress.city', 'domain', 'employees', 'industry', 'name', 'tags'].sort(),
    );
    const byPath = Object.fromEntries((p.errors ?? []).map((e) => [e.path, e.message]));
    expect(byPath.employees).not.toBe('is required');
    expect(byPath.name).not.toBe('is required');
    const [missing] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { employees: 3 } }),
    );
    expect(missing.errors).toEqual([{ path: 'name', message: 'is required' }]);
    const [contact] = await refused(400, () =>
      app.call('POST', '/api/v1/contacts', {
        as: admin.cookie,
        body: { firstName: 'A', email: 'nope', phones: ['12'], birthday: '2026-02-30', emails: 'a@b.co' },
      }),
    );
    expect(paths(contact).sort()).toEqual(['birthday', 'email', 'emails', 'phones.0']);
  });

  it('refuses unknown fields and names them', async () => {
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'x', colour: 'red' } }),
    );
    expect(p.errors).toEqual([{ path: 'colour', message: 'unknown field' }]);
    const target = await createAccount();
    const [patch] = await refused(400, () =>
      app.call('PATCH', `/api/v1/accounts/${target.id}`, {
        as: admin.cookie,
        body: { version: 9, id: target.id },
      }),
    );
    expect(patch.errors).toEqual([
      { path: 'version', message: 'unknown field' },
      { path: 'id', message: 'unknown field' },
    ]);
    const [nested] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: 'x', billingAddress: { town: 'Lyon' } },
      }),
    );
    expect(nested.errors).toEqual([{ path: 'billingAddress.town', message: 'unknown field' }]);
    await refused(400, () => app.call('GET', '/api/v1/accounts?colour=red', { as: admin.cookie }));
  });

  it('refuses unknown filter fields and operators', async () => {
    for (const [url, body] of [
      ['/api/v1/accounts?filter[colour][eq]=red', undefined],
      ['/api/v1/accounts?filter[name][like]=a', undefined],
      ['/api/v1/accounts/export?filter[colour][eq]=red', undefined],
      ['/api/v1/accounts/export?format=xlsx&filter[name][like]=a', undefined],
      ['/api/v1/accounts/query', { filter: { field: 'colour', op: 'eq', value: 'red' } }],
      ['/api/v1/accounts/query', { filter: { field: 'name', op: 'like', value: 'a' } }],
      ['/api/v1/accounts/query', { filter: { field: 'employees', op: 'contains', value: '1' } }],
    ] as const) {
      const [p] = await refused(400, () =>
        app.call(body ? 'POST' : 'GET', url, { as: admin.cookie, ...(body ? { body } : {}) }),
      );
      expect(p.errors?.length, url).toBeGreaterThan(0);
      expect(p.errors?.[0].path).toMatch(/^filter/);
    }
  });

  it('refuses ids that are not UUIDs, in paths and in bodies', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/accounts/123'],
      ['PATCH', '/api/v1/accounts/not-a-uuid'],
      ['DELETE', "/api/v1/accounts/'%20OR%201=1"],
      ['POST', '/api/v1/accounts/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/restore'],
      ['GET', '/api/v1/accounts/1/history'],
    ]) {
      const [p] = await refused(400, () =>
        app.call(method, url, { as: admin.cookie, ...(method === 'PATCH' ? { body: { name: 'x' } } : {}) }),
      );
      expect(p.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
    }
    const [owner] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'x', ownerId: 'me' } }),
    );
    expect(paths(owner)).toEqual(['ownerId']);
    const [bulk] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', { as: admin.cookie, body: { delete: ['nope'] } }),
    );
    expect(paths(bulk)).toEqual(['delete.0']);
  });
});

describe('413 and 401', () => {
  it('refuses a body over 1 MB with 413', async () => {
    const [p] = await refused(413, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: 'x', description: 'y'.repeat(1_100_000) },
      }),
    );
    expect(p.title).toBe('Payload too large');
    await refused(413, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: { create: Array.from({ length: 1000 }, () => ({ name: 'z'.repeat(1100) })) },
      }),
    );
  });

  it('answers 401 without credentials or with a bad or revoked key', async () => {
    const made = await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'temp' } });
    const temp = made.json<{ id: string; token: string }>();
    expect((await app.call('DELETE', `/api/v1/api-keys/${temp.id}`, { as: admin.cookie })).status).toBe(204);
    await refused(
      401,
      () => app.call('GET', '/api/v1/accounts'),
      () => app.call('POST', '/api/v1/accounts', { body: { name: 'x' } }),
      () =>
        app.call('POST', '/api/v1/accounts', {
          body: { name: 'x' },
          headers: { authorization: 'Bearer rk_nope' },
        }),
      () => app.call('POST', '/api/v1/accounts', { as: temp.token, body: { name: 'x' } }),
      () => app.call('GET', '/api/v1/accounts', { as: 'rs_forged' }),
      () => app.call('GET', '/api/v1/search?q=x'),
    );
  });
});

describe('CSRF', () => {
  it('refuses a cookie mutation from a foreign origin, and needs nothing from Bearer calls', async () => {
    await refused(
      403,
      () =>
        app.call('POST', '/api/v1/accounts', {
          as: admin.cookie,
          body: { name: 'csrf' },
          headers: { origin: 'https://evil.example' },
        }),
      () =>
        app.call('POST', '/api/v1/accounts', {
          as: admin.cookie,
          body: { name: 'csrf' },
          headers: { origin: 'http://localhost:8080' },
        }),
      () =>
        app.call('DELETE', `/api/v1/accounts/00000000-0000-7000-8000-000000000000`, {
          as: admin.cookie,
          headers: { origin: 'null' },
        }),
    );
    const target = await createAccount();
    // Without an Origin header the Referer decides (app.call always sends an Origin, so inject directly).
    const withReferer = async (referer: string | undefined) => {
      const response = await app.fastify.inject({
        method: 'PATCH',
        url: `/api/v1/accounts/${target.id}`,
        headers: {
          cookie: `rapport_session=${admin.cookie}`,
          'content-type': 'application/json',
          ...(referer ? { referer } : {}),
        },
        payload: JSON.stringify({ name: 'changed' }),
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
        json: <T>() => JSON.parse(response.body) as T,
      };
    };
    await refused(
      403,
      () => withReferer('https://evil.example/page'),
      () => withReferer(undefined),
    );
    expect((await withReferer('http://localhost:80/accounts')).status).toBe(200);
    const bearer = await app.call('POST', '/api/v1/accounts', {
      as: key,
      body: { name: 'via key' },
      headers: { origin: 'https://evil.example' },
    });
    expect(bearer.status).toBe(201);
    // Reads with a cookie are not mutations: no Origin needed.
    expect(
      (
        await app.call('GET', '/api/v1/accounts', {
          as: admin.cookie,
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(200);
  });
});
