import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/database';
import { createTestApp, type TestApp, type TestResponse } from '../testing';

/** API.md's Errors section, case by case: the status, the problem, and that a 4xx writes nothing. */

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let key: string;
let other: { cookie: string };

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Bad Input');
  key = (await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'script' } })).json<{
    token: string;
  }>().token;
  other = await app.signup('Elsewhere');
});
afterAll(() => app.close());

/** Row counts of the tables a write touches: a refused request must leave every one as it was. */
async function counts() {
  const [c] = await app.db.read((x) =>
    rows<Record<string, number>>(
      x,
      sql`SELECT (SELECT count(*)::int FROM accounts) AS accounts, (SELECT count(*)::int FROM contacts) AS contacts,
        (SELECT count(*)::int FROM record_history) AS history, (SELECT count(*)::int FROM idempotency_keys) AS keys,
        (SELECT count(*)::int FROM contact_accounts) AS links,
        (SELECT coalesce(sum(version), 0)::int FROM accounts) AS versions`,
    ),
  );
  return c;
}

/** Runs the calls and checks each answers `status` as problem+json, with nothing written. */
async function refused(status: number, ...calls: (() => Promise<TestResponse>)[]): Promise<Problem[]> {
  const before = await counts();
  const problems: Problem[] = [];
  for (const call of calls) {
    const response = await call();
    expect(response.status, response.body.slice(0, 300)).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<Problem>();
    expect(problem.status).toBe(status);
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    problems.push(problem);
  }
  expect(await counts()).toEqual(before);
  return problems;
}

const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path);

async function createAccount(body: Record<string, unknown> = {}) {
  const response = await app.call('POST', '/api/v1/accounts', {
    as: admin.cookie,
    body: { name: 'Target', ...body },
  });
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string; version: number } & Record<string, unknown>>();
}

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

describe('text is stored and returned byte for byte', () => {
  const samples = [
    "'; DROP TABLE accounts; --",
    '%\' OR 1=1 -- _ \\ " `',
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    '👩‍👩‍👧‍👦 🚀 e\u0301 \u200B',
    '\u202Eevil.exe\u202C שלום עולם مرحبا',
    '  leading and trailing  \t\n line two',
  ];
  /** The longest prefix of whole code points within `max` UTF-16 units (zod counts those). */
  const upTo = (s: string, max: number) => {
    let out = '';
    for (const c of s)
      if (out.length + c.length <= max) out += c;
      else break;
    return out;
  };
  const long = 'Ω'.repeat(5000) + '🚀'.repeat(2500);

  it('in every text field of accounts', async () => {
    for (const s of samples) {
      const body = {
        name: s,
        description: s + long,
        sicCode: upTo(s, 10),
        billingAddress: { street: s, city: s, region: s, postalCode: upTo(s, 40), country: s },
        shippingAddress: { street: s },
        tags: [s.trim(), 'ok'],
      };
      const created = await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body });
      expect(created.status, created.body).toBe(201);
      const got = await app.call('GET', `/api/v1/accounts/${created.json<{ id: string }>().id}`, {
        as: admin.cookie,
      });
      const record = got.json<Record<string, unknown>>();
      for (const [field, value] of Object.entries(body)) expect(record[field], field).toEqual(value);
      expect(Buffer.from(record.description as string).equals(Buffer.from(body.description))).toBe(true);
    }
  });

  it('in every text field of contacts', async () => {
    for (const s of samples) {
      const body = { firstName: s, lastName: s, title: s, notes: s + long };
      const created = await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body });
      expect(created.status, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      const record = (await app.call('GET', `/api/v1/contacts/${id}`, { as: admin.cookie })).json<
        Record<string, unknown>
      >();
      for (const [field, value] of Object.entries(body)) expect(record[field], field).toBe(value);
      const listed = await app.call('POST', '/api/v1/contacts/query', {
        as: admin.cookie,
        body: { filter: { field: 'lastName', op: 'eq', value: s }, fields: ['lastName'] },
      });
      expect(listed.json<{ data: { id: string; lastName: string }[] }>().data).toEqual([{ id, lastName: s }]);
    }
  });

  it('refuses text over a field’s length with 400 naming it, and takes 10,000 characters where allowed', async () => {
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'x'.repeat(10_000) } }),
    );
    expect(paths(p)).toEqual(['name']);
    const tenThousand = 'é'.repeat(10_000);
    const created = await createAccount({ description: tenThousand });
    expect(created.description).toBe(tenThousand);
    // PostgreSQL cannot store NUL: refused by field, not as a database error.
    const [nul] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: 'nul\u0000byte', tags: ['ok', 'a\u0000'], billingAddress: { city: '\u0000' } },
      }),
    );
    expect(nul.errors).toEqual([
      { path: 'name', message: 'cannot contain the NUL character' },
      { path: 'billingAddress.city', message: 'cannot contain the NUL character' },
      { path: 'tags.1', message: 'cannot contain the NUL character' },
    ]);
    const [blank] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: '   ' } }),
    );
    expect(blank.errors).toEqual([{ path: 'name', message: 'is required' }]);
  });
});

describe('404 for another workspace, 412, idempotency, bulk', () => {
  it('answers 404, never 403, for another workspace’s record, to every verb', async () => {
    const theirs = (
      await app.call('POST', '/api/v1/accounts', { as: other.cookie, body: { name: 'Theirs' } })
    ).json<{ id: string; version: number }>();
    await refused(
      404,
      () => app.call('GET', `/api/v1/accounts/${theirs.id}`, { as: admin.cookie }),
      () => app.call('GET', `/api/v1/accounts/${theirs.id}`, { as: key }),
      () =>
        app.call('PATCH', `/api/v1/accounts/${theirs.id}`, { as: admin.cookie, body: { name: 'Mine now' } }),
      () => app.call('DELETE', `/api/v1/accounts/${theirs.id}`, { as: admin.cookie }),
      () => app.call('POST', `/api/v1/accounts/${theirs.id}/restore`, { as: admin.cookie }),
      () => app.call('GET', `/api/v1/accounts/${theirs.id}/history`, { as: admin.cookie }),
      () => app.call('GET', `/api/v1/accounts/${theirs.id}/contacts`, { as: admin.cookie }),
    );
    const [ref] = await refused(400, () =>
      app.call('POST', '/api/v1/contacts', {
        as: admin.cookie,
        body: { lastName: 'X', accountId: theirs.id },
      }),
    );
    expect(paths(ref)).toEqual(['accountId']);
    const still = await app.call('GET', `/api/v1/accounts/${theirs.id}`, { as: other.cookie });
    expect(still.json<{ name: string; version: number }>()).toMatchObject({ name: 'Theirs', version: 1 });
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const target = await createAccount({ employees: 1 });
    const moved = await app.call('PATCH', `/api/v1/accounts/${target.id}`, {
      as: admin.cookie,
      body: { employees: 2 },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).toBe('"2"');
    await refused(
      412,
      () =>
        app.call('PATCH', `/api/v1/accounts/${target.id}`, {
          as: admin.cookie,
          body: { employees: 3 },
          headers: { 'if-match': '"1"' },
        }),
      () =>
        app.call('PATCH', `/api/v1/accounts/${target.id}`, {
          as: key,
          body: { employees: 3 },
          headers: { 'if-match': 'W/"7"' },
        }),
    );
    const [badHeader] = await refused(400, () =>
      app.call('PATCH', `/api/v1/accounts/${target.id}`, {
        as: admin.cookie,
        body: { employees: 3 },
        headers: { 'if-match': 'yesterday' },
      }),
    );
    expect(paths(badHeader)).toEqual(['If-Match']);
    const now = await app.call('GET', `/api/v1/accounts/${target.id}`, { as: admin.cookie });
    expect(now.json<{ employees: number; version: number }>()).toMatchObject({ employees: 2, version: 2 });
    const history = await app.call('GET', `/api/v1/accounts/${target.id}/history`, { as: admin.cookie });
    expect(history.json<{ data: unknown[] }>().data).toHaveLength(2);
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body (409)', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const first = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Once' },
      headers,
    });
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Once' },
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
    const [conflict] = await refused(409, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Twice' }, headers }),
    );
    expect(conflict.title).toBe('Conflict');
    // A refused body under a new key claims nothing: the key stays free for a good body.
    await refused(400, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: 5 },
        headers: { 'idempotency-key': 'order-43' },
      }),
    );
    const later = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Fine' },
      headers: { 'idempotency-key': 'order-43' },
    });
    expect(later.status).toBe(201);
    expect(later.json<{ name: string }>().name).toBe('Fine');
  });

  it('refuses a bulk request with bad rows, listing each by index, and writes none of it', async () => {
    const good = await createAccount();
    const create = Array.from({ length: 8 }, (_, i) => ({ name: `Bulk ${i}`, employees: i }));
    create[5] = { name: 'Bulk 5', employees: 'five' as unknown as number };
    create[7] = { employees: 7 } as (typeof create)[number];
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: {
          create,
          update: [
            { id: good.id, employees: 10 },
            { id: good.id, website: 'not a url' },
          ],
          delete: [good.id, 'x'],
        },
      }),
    );
    expect(paths(p).sort()).toEqual(['delete.1']);
    const [rowsOnly] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: {
          create,
          update: [
            { id: good.id, employees: 10 },
            { id: good.id, website: 'not a url' },
          ],
        },
      }),
    );
    expect(paths(rowsOnly).sort()).toEqual(['create.5.employees', 'create.7.name', 'update.1.website']);
    const [tooMany] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: { create: Array.from({ length: 1001 }, (_, i) => ({ name: `n${i}` })) },
      }),
    );
    expect(tooMany.errors?.length).toBe(1);
    const [missing] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: { create: [{ name: 'ok' }], delete: ['00000000-0000-7000-8000-000000000000'] },
      }),
    );
    expect(paths(missing)).toEqual(['delete.0']);
  });
});

describe('random record bodies', () => {
  const weird = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom<unknown>(
      '0000-01-01',
      '2026-02-29',
      '2024-02-29',
      '9999-12-31',
      '+1 (415) 555-0100',
      '1e400',
      '-0',
      'NaN',
      '\u0000',
      'ACME.com',
      'https://x',
      '00000000-0000-7000-8000-000000000000',
      '999999999999999.9999',
      '1234567890123456',
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('street', 'city', 'country', 'zip'), fc.string({ maxLength: 5 }), {
      maxKeys: 3,
    }),
  );
  const accountFields = [
    'name',
    'domain',
    'website',
    'industry',
    'sicCode',
    'employees',
    'annualRevenue',
    'currency',
    'phone',
    'billingAddress',
    'parentAccountId',
    'lifecycleStage',
    'tags',
    'description',
    'ownerId',
  ];
  const contactFields = [
    'firstName',
    'lastName',
    'title',
    'email',
    'emails',
    'phone',
    'phones',
    'accountId',
    'birthday',
    'preferredChannel',
    'lifecycleStage',
    'notes',
    'ownerId',
  ];

  for (const [object, fields] of [
    ['accounts', accountFields],
    ['contacts', contactFields],
  ] as const) {
    it(`answers 300 random ${object} creates and updates with 200/201 or a 400 problem, never 500`, async () => {
      const created = await app.call('POST', `/api/v1/${object}`, {
        as: admin.cookie,
        body: object === 'accounts' ? { name: 'Fuzz' } : { lastName: 'Fuzz' },
      });
      expect(created.status).toBe(201);
      const target = created.json<{ id: string }>();
      const bodies = fc.sample(fc.dictionary(fc.constantFrom(...fields), weird, { minKeys: 1, maxKeys: 5 }), {
        numRuns: 300,
        seed: Date.now() % 2 ** 31,
      });
      for (const body of bodies) {
        for (const [method, url] of [
          ['POST', `/api/v1/${object}`],
          ['PATCH', `/api/v1/${object}/${target.id}`],
        ]) {
          const response = await app.call(method, url, { as: admin.cookie, body });
          const what = `${method} ${JSON.stringify(body)} -> ${response.status} ${response.body.slice(0, 200)}`;
          expect([200, 201, 400], what).toContain(response.status);
          if (response.status === 400) {
            expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/);
            expect(response.json<Problem>().errors?.length, what).toBeGreaterThan(0);
          }
        }
      }
    });
  }
});
