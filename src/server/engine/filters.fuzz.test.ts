import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { industries } from '../../modules/accounts/contract';
import { rows } from '../db/database';
import { createTestApp, type TestApp, type TestResponse } from '../testing';

/**
 * Random filter expressions through both list endpoints: none may answer 500; a refused one is a
 * 400 problem+json with an `errors` array; well-formed ones answer 200. Most are well-shaped (real
 * fields, operators that apply, values of the right type) carrying hostile values, so that they reach
 * the database: at least a third must be answered 200. The rest are malformed anywhere.
 * Then the values that look like SQL come back only as literal matches.
 */

const runs = 2_500; // per endpoint: 5,000 expressions per run in all, at least a third reaching SQL

let app: TestApp;
let admin: { cookie: string };

const realFields = [
  'name',
  'domain',
  'industry',
  'employees',
  'annualRevenue',
  'tags',
  'createdAt',
  'ownerId',
];
const realFieldsPlus = [
  ...realFields,
  'billingAddress',
  'billingAddress.city',
  'parentAccountId',
  'phone',
  'id',
];
const weirdFields = [
  '',
  ' ',
  'nme',
  '__proto__',
  'constructor',
  'name.city',
  'billingAddress.nope',
  'name"; DROP TABLE accounts; --',
  "name' OR '1'='1",
  't.id',
  'custom',
  'search_text',
  'a'.repeat(101),
  'ÉCOLE',
  '🚀',
];
const operators = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'startsWith', 'isNull'];
const weirdOps = ['', 'EQ', 'like', 'regex', '__proto__', 'toString', 'eq;', 'in ', 'between'];
const nasty = [
  "'; DROP TABLE accounts; --",
  "%' OR 1=1 --",
  '\\',
  '%',
  '_',
  '"',
  "'",
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31T23:59:59Z',
  '2026-11-23T10:00:00+25:00',
  'true',
  'false',
  'null',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '{a,b}',
  '{"x":1}',
  '   ',
  'a,b,,c',
  '\u202Eevil',
  '\u0000',
  '中文',
  '🚀'.repeat(10),
  'x'.repeat(12_000),
];

const scalar = fc.oneof(
  fc.constantFrom<unknown>(...nasty),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom<unknown>(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 0.5, -1),
);
const anyValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), scalar, { maxKeys: 2 }) },
);
const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...realFieldsPlus) },
  { weight: 1, arbitrary: fc.constantFrom(...weirdFields) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const opName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...operators) },
  { weight: 1, arbitrary: fc.constantFrom(...weirdOps) },
);

const leaf = fc.oneof(
  { weight: 8, arbitrary: fc.record({ field: fieldName, op: opName, value: anyValue }) },
  { weight: 1, arbitrary: fc.record({ field: fieldName, op: opName }) },
  { weight: 1, arbitrary: fc.record({ field: fieldName, op: opName, value: anyValue, extra: scalar }) },
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(tie('tree'), { maxLength: 4 }).map((and) => ({ and })) },
    { weight: 2, arbitrary: fc.array(tie('tree'), { maxLength: 4 }).map((or) => ({ or })) },
    { weight: 1, arbitrary: tie('tree').map((not) => ({ not })) },
    { weight: 1, arbitrary: fc.record({ and: tie('tree') }) },
    { weight: 1, arbitrary: fc.record({ not: fc.array(tie('tree'), { maxLength: 2 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({ and: fc.array(tie('tree'), { maxLength: 2 }), or: fc.constant([]) }),
    },
    { weight: 1, arbitrary: anyValue },
  ),
}));

/** Well-shaped leaves: a real field, an operator that applies to it, a value of its type that is hostile. */
const hostileText = fc.oneof(
  fc.constantFrom(...nasty.filter((v) => v !== '\u0000' && v.length < 1000)),
  fc.string({ maxLength: 20, unit: 'grapheme' }),
);
const nullTest = fc.record({ op: fc.constant('isNull'), value: fc.boolean() });
const kindOf: Record<string, { ops: string[]; value: fc.Arbitrary<unknown> }> = {
  text: { ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith'], value: hostileText },
  integer: {
    ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'],
    value: fc.oneof(
      fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)),
      fc.integer(),
      fc.constantFrom('007', '-0'),
    ),
  },
  money: {
    ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'],
    value: fc.constantFrom('0', '-0', '0.0001', '123456789012.3456', '-999999999999.9999', '1'),
  },
  datetime: {
    ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'],
    value: fc.constantFrom(
      '2026-02-28',
      '1970-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-11-23T10:00:00+14:00',
      '2026-11-23T10:00:00.123456Z',
    ),
  },
  select: { ops: ['eq', 'ne'], value: fc.constantFrom(...industries) },
  tags: { ops: ['eq', 'contains'], value: hostileText },
  reference: {
    ops: ['eq', 'ne'],
    value: fc.oneof(fc.uuid(), fc.constant('00000000-0000-0000-0000-000000000000')),
  },
};
const fieldKind: Record<string, keyof typeof kindOf> = {
  name: 'text',
  domain: 'text',
  'billingAddress.city': 'text',
  description: 'text',
  employees: 'integer',
  annualRevenue: 'money',
  createdAt: 'datetime',
  industry: 'select',
  tags: 'tags',
  ownerId: 'reference',
  parentAccountId: 'reference',
};
const wellShapedLeaf = fc.constantFrom(...Object.keys(fieldKind)).chain((field) => {
  const { ops, value } = kindOf[fieldKind[field]];
  const single = fc.record({ op: fc.constantFrom(...ops), value });
  const list = fc.record({ op: fc.constant('in'), value: fc.array(value, { minLength: 1, maxLength: 5 }) });
  const inList = fieldKind[field] === 'tags' ? single : list;
  return fc
    .oneof(
      { weight: 6, arbitrary: single },
      { weight: 1, arbitrary: inList },
      { weight: 1, arbitrary: nullTest },
    )
    .map((leaf) => ({ field, ...leaf }));
});
const { wellShapedTree } = fc.letrec<{ wellShapedTree: unknown }>((tie) => ({
  wellShapedTree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: wellShapedLeaf },
    { weight: 1, arbitrary: fc.array(tie('wellShapedTree'), { maxLength: 4 }).map((and) => ({ and })) },
    { weight: 1, arbitrary: fc.array(tie('wellShapedTree'), { maxLength: 4 }).map((or) => ({ or })) },
    { weight: 1, arbitrary: tie('wellShapedTree').map((not) => ({ not })) },
  ),
}));
const wellShapedBody = fc.record(
  {
    filter: wellShapedTree,
    sort: fc.constantFrom('name', '-employees,name', '-createdAt', 'annualRevenue', '-industry'),
    limit: fc.integer({ min: 1, max: 500 }),
    fields: fc.uniqueArray(fc.constantFrom(...realFields), { minLength: 1, maxLength: 4 }),
    q: hostileText,
    count: fc.boolean(),
  },
  { requiredKeys: ['filter'] },
);

const queryBody = fc.oneof(
  { weight: 12, arbitrary: wellShapedBody },
  { weight: 6, arbitrary: fc.record({ filter: tree }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        filter: tree,
        sort: fc.oneof(
          fc.constantFrom('name', '-employees,name', '-createdAt', 'tags', 'nope', '', ','),
          anyValue,
        ),
        limit: fc.oneof(fc.integer({ min: -5, max: 600 }), anyValue),
        cursor: fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constant(Buffer.from('{"s":"name,id","v":["a","b"]}').toString('base64url')),
        ),
        fields: fc.oneof(fc.array(fieldName, { maxLength: 3 }), anyValue),
        q: fc.oneof(fc.constantFrom(...nasty.slice(0, 20)), anyValue),
        count: anyValue,
        bogus: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

const encode = (s: string, raw: boolean) =>
  raw ? s.replace(/[#&%+ ]/g, encodeURIComponent) : encodeURIComponent(s);
const wellShapedPair = wellShapedLeaf.map(({ field, op, value }) => {
  const text = Array.isArray(value) ? value.map(String).join(',') : String(value);
  return `filter[${field}][${op}]=${encodeURIComponent(text)}`;
});
const queryPair = fc.oneof(
  { weight: 24, arbitrary: wellShapedPair },
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fieldName,
        opName,
        fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 15 })),
        fc.boolean(),
      )
      .map(([f, o, v, raw]) => `filter[${encode(f, raw)}][${encode(o, raw)}]=${encodeURIComponent(v)}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fieldName, fc.string({ maxLength: 10 }))
      .map(([f, v]) => `filter[${encodeURIComponent(f)}]=${encodeURIComponent(v)}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'filter',
          'filter[',
          'filter[]',
          'filter[name',
          'filter[name][eq][x]',
          'filterx',
          'filter[name]eq]',
          'limit',
          'sort',
          'cursor',
          'q',
          'fields',
          'count',
          'format',
          'bogus',
        ),
        fc.oneof(fc.constantFrom(...nasty.slice(0, 25)), fc.string({ maxLength: 10 })),
      )
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
  },
);
const queryString = fc.array(queryPair, { minLength: 1, maxLength: 4 }).map((pairs) => pairs.join('&'));

function expectAnswer(response: TestResponse, what: string) {
  expect([200, 400], `${what} -> ${response.status} ${response.body.slice(0, 300)}`).toContain(
    response.status,
  );
  if (response.status === 400) {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ status: number; errors: { path: string; message: string }[] }>();
    expect(problem.status).toBe(400);
    expect(Array.isArray(problem.errors) && problem.errors.length > 0, what).toBe(true);
    for (const e of problem.errors) {
      expect(typeof e.path).toBe('string');
      expect(typeof e.message).toBe('string');
    }
  } else {
    expect(Array.isArray(response.json<{ data: unknown[] }>().data)).toBe(true);
  }
}

/** At least a third reach the database (200); malformed requests still make a fifth of the refusals' floor. */
function expectFloors(answered: { 200: number; 400: number }) {
  console.log(`filter fuzzing: ${answered[200]} answered 200, ${answered[400]} refused 400 of ${runs}`);
  expect(answered[200], 'answered 200').toBeGreaterThanOrEqual(runs / 3);
  expect(answered[400], 'refused 400').toBeGreaterThanOrEqual(runs / 5);
}

/** A few seconds on an idle machine; on a loaded one, several times that. */
const fuzzTimeout = 180_000;

async function inBatches<T>(items: T[], size: number, each: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}

const accountCount = async () =>
  (await app.db.read((x) => rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM accounts`)))[0].n;

const literalNames = [
  "'; DROP TABLE accounts; --",
  "%' OR 1=1 --",
  'Robert"); DELETE FROM accounts WHERE ("1"="1',
  '50% off',
  'under_score',
  'back\\slash',
];

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const created = await app.call('POST', '/api/v1/accounts/bulk', {
    as: admin.cookie,
    body: {
      create: [
        ...literalNames.map((name, i) => ({ name, employees: i, tags: [name] })),
        { name: 'Plain One', industry: 'Retail', domain: 'plain.com' },
        { name: '5000 offices', employees: 10 },
        { name: 'underXscore' },
        { name: 'backslash' },
      ],
    },
  });
  expect(created.status).toBe(200);
});
afterAll(() => app.close());

describe('filter fuzzing', () => {
  it(
    `answers ${runs} random POST /query bodies with 200 or a 400 problem, never 500`,
    async () => {
      const bodies = fc.sample(queryBody, { numRuns: runs, seed: Date.now() % 2 ** 31 });
      const answered = { 200: 0, 400: 0 };
      await inBatches(bodies, 8, async (body) => {
        const text = JSON.stringify(body) ?? 'null';
        const response = await app.call('POST', '/api/v1/accounts/query', { as: admin.cookie, body: text });
        expectAnswer(response, text.slice(0, 500));
        answered[response.status as 200 | 400]++;
      });
      expectFloors(answered);
    },
    fuzzTimeout,
  );

  it(
    `answers ${runs} random GET query strings with 200 or a 400 problem, never 500`,
    async () => {
      const strings = fc.sample(queryString, { numRuns: runs, seed: (Date.now() + 1) % 2 ** 31 });
      const answered = { 200: 0, 400: 0 };
      await inBatches(strings, 8, async (qs) => {
        const response = await app.call('GET', `/api/v1/accounts?${qs}`, { as: admin.cookie });
        expectAnswer(response, qs.slice(0, 500));
        answered[response.status as 200 | 400]++;
      });
      expectFloors(answered);
    },
    fuzzTimeout,
  );

  it('answers well-formed filters with 200 and definitely bad ones with 400 naming the path', async () => {
    const good = [
      { field: 'name', op: 'contains', value: "'" },
      {
        or: [
          { field: 'employees', op: 'in', value: [1, 2, 3] },
          { not: { field: 'tags', op: 'isNull', value: true } },
        ],
      },
      { field: 'billingAddress.city', op: 'eq', value: 'Lyon' },
      { field: 'createdAt', op: 'lt', value: '2030-01-01' },
    ];
    for (const filter of good)
      expect(
        (await app.call('POST', '/api/v1/accounts/query', { as: admin.cookie, body: { filter } })).status,
      ).toBe(200);
    const bad: [unknown, string][] = [
      [{ field: 'nme', op: 'eq', value: 'x' }, 'filter'],
      [
        {
          and: [
            { field: 'name', op: 'eq', value: 'x' },
            { field: 'employees', op: 'contains', value: 'x' },
          ],
        },
        'filter.and.1',
      ],
      [{ or: [{ not: { field: 'employees', op: 'gt', value: 'many' } }] }, 'filter.or.0.not'],
      [{ field: 'tags', op: 'lt', value: 'x' }, 'filter'],
      [{ field: 'name', op: 'isNull', value: 'yes' }, 'filter'],
      [{ field: 'name', op: 'in', value: [] }, 'filter'],
    ];
    for (const [filter, path] of bad) {
      const response = await app.call('POST', '/api/v1/accounts/query', {
        as: admin.cookie,
        body: { filter },
      });
      expect(response.status, JSON.stringify(filter)).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors[0].path).toBe(path);
    }
    const unknownOp = await app.call('GET', '/api/v1/accounts?filter[name][like]=x', { as: admin.cookie });
    expect(unknownOp.status).toBe(400);
    const unknownField = await app.call('GET', '/api/v1/accounts?filter[nme][eq]=x', { as: admin.cookie });
    expect(unknownField.status).toBe(400);
    // Query-string filters are one AND node, so the path is that node's.
    expect(unknownField.json<{ errors: { path: string }[] }>().errors[0].path).toBe('filter.and.0');
  });

  it('refuses filter trees deeper than 20 levels or with more than 1,000 conditions, at any size', async () => {
    const leafText = '{"field":"name","op":"eq","value":"x"}';
    const nested = (depth: number) => `{"filter":${'{"not":'.repeat(depth)}${leafText}${'}'.repeat(depth)}}`;
    const ok = await app.call('POST', '/api/v1/accounts/query', { as: admin.cookie, body: nested(19) });
    expect(ok.status).toBe(200);
    for (const depth of [20, 1_000, 100_000]) {
      const response = await app.call('POST', '/api/v1/accounts/query', {
        as: admin.cookie,
        body: nested(depth),
      });
      expect(response.status, `depth ${depth}`).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors).toEqual([
        { path: 'filter', message: 'at most 20 levels and 1000 conditions' },
      ]);
    }
    const wide = {
      or: Array.from({ length: 50 }, () => ({ and: Array.from({ length: 25 }, () => JSON.parse(leafText)) })),
    };
    const response = await app.call('POST', '/api/v1/accounts/query', {
      as: admin.cookie,
      body: { filter: wide },
    });
    expect(response.status).toBe(400);
  });
});

describe('values never reach SQL unparameterized', () => {
  const namesOf = async (filter: unknown) => {
    const response = await app.call('POST', '/api/v1/accounts/query', {
      as: admin.cookie,
      body: { filter, limit: 500, sort: 'name' },
    });
    expect(response.status, response.body).toBe(200);
    return response.json<{ data: { name: string }[] }>().data.map((d) => d.name);
  };

  it('matches SQL-looking strings only literally, with every operator and both endpoints', async () => {
    const before = await accountCount();
    expect(before).toBe(10);
    for (const name of literalNames) {
      expect(await namesOf({ field: 'name', op: 'eq', value: name })).toEqual([name]);
      expect(await namesOf({ field: 'name', op: 'contains', value: name })).toEqual([name]);
      expect(await namesOf({ field: 'name', op: 'startsWith', value: name })).toEqual([name]);
      expect(await namesOf({ field: 'name', op: 'in', value: [name, 'nothing'] })).toEqual([name]);
      expect(await namesOf({ field: 'tags', op: 'eq', value: name })).toEqual([name]);
      expect(await namesOf({ field: 'tags', op: 'contains', value: name })).toEqual([name]);
      const get = await app.call('GET', `/api/v1/accounts?filter[name][eq]=${encodeURIComponent(name)}`, {
        as: admin.cookie,
      });
      expect(get.json<{ data: { name: string }[] }>().data.map((d) => d.name)).toEqual([name]);
    }
    expect(await namesOf({ field: 'name', op: 'contains', value: '0% off' })).toEqual(['50% off']);
    expect(await namesOf({ field: 'name', op: 'contains', value: 'under_' })).toEqual(['under_score']);
    expect(await namesOf({ field: 'name', op: 'startsWith', value: 'back\\' })).toEqual(['back\\slash']);
    expect(await namesOf({ field: 'name', op: 'ne', value: "%' OR 1=1 --" })).toHaveLength(9);
    expect(await namesOf({ field: 'name', op: 'lt', value: "'" })).toEqual(["%' OR 1=1 --"]);
  });

  it('keeps the accounts table and its rows whatever is sent in names, sorts, fields, q and cursors', async () => {
    const attempts = [
      '/api/v1/accounts?sort=name;DROP TABLE accounts',
      '/api/v1/accounts?fields=id,name);DROP TABLE accounts;--',
      `/api/v1/accounts?q=${encodeURIComponent("'; DROP TABLE accounts; --")}`,
      `/api/v1/accounts?filter[${encodeURIComponent("name\" = '' OR 1=1 --")}][eq]=x`,
      `/api/v1/accounts?cursor=${Buffer.from(JSON.stringify({ s: 'name,id', v: ["'); DROP TABLE accounts; --", null] })).toString('base64url')}`,
    ];
    for (const url of attempts) {
      const response = await app.call('GET', url, { as: admin.cookie });
      expectAnswer(response, url);
    }
    const q = await app.call(
      'GET',
      `/api/v1/accounts?q=${encodeURIComponent("'; DROP TABLE accounts; --")}`,
      {
        as: admin.cookie,
      },
    );
    expect(q.json<{ data: { name: string }[] }>().data.map((d) => d.name)).toContain(
      "'; DROP TABLE accounts; --",
    );
    expect(await accountCount()).toBe(10);
    const exists = await app.db.read((x) =>
      rows<{ t: string | null }>(x, sql`SELECT to_regclass('public.accounts')::text AS t`),
    );
    expect(exists).toEqual([{ t: 'accounts' }]);
  });
});
