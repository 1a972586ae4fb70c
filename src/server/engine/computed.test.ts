import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: string;
const accountIds: Record<string, string> = {};

interface Problem {
  detail: string;
  errors: { path: string; message: string }[];
}
interface FieldMeta {
  name: string;
  type: string;
  readOnly: boolean;
  expression?: string;
  broken?: string;
}
type Account = Record<string, unknown> & { id: string; name: string };

const addField = (body: object, object = 'accounts') =>
  app.call('POST', `/api/v1/metadata/objects/${object}/fields`, { as: admin, body });
const list = async (query: string) => {
  const response = await app.call('GET', `/api/v1/accounts?${query}`, { as: admin });
  expect(response.status, response.body).toBe(200);
  return response.json<{ data: Account[]; nextCursor: string | null }>();
};
const names = async (query: string) => (await list(query)).data.map((a) => a.name);

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup('Computed Co')).cookie;
  for (const [name, employees, annualRevenue] of [
    ['Alpha', 10, '2000000'],
    ['Beta', 0, '500000'],
    ['Gamma', null, null],
    ['Delta', 400, '1500000'],
    ['Epsilon', 5, '100'],
  ] as const) {
    const created = await app.call('POST', '/api/v1/accounts', {
      as: admin,
      body: { name, employees, annualRevenue },
    });
    expect(created.status, created.body).toBe(201);
    accountIds[name] = created.json<{ id: string }>().id;
  }
  const contacts: [string, string, string][] = [
    ['Ann', 'Alpha', 'customer'],
    ['Abe', 'Alpha', 'customer'],
    ['Amy', 'Alpha', 'lead'],
    ['Bob', 'Beta', 'customer'],
    ['Dan', 'Delta', 'lead'],
    ['Dee', 'Delta', 'lead'],
    ['Gone', 'Alpha', 'customer'],
  ];
  for (const [firstName, account, lifecycleStage] of contacts) {
    const created = await app.call('POST', '/api/v1/contacts', {
      as: admin,
      body: { firstName, lastName: 'Test', accountId: accountIds[account], lifecycleStage },
    });
    expect(created.status, created.body).toBe(201);
    if (firstName === 'Gone') {
      const id = created.json<{ id: string }>().id;
      expect((await app.call('DELETE', `/api/v1/contacts/${id}`, { as: admin })).status).toBe(204);
    }
  }
  for (const body of [
    { name: 'staff2', label: 'Staff x2', type: 'formula', expression: 'employees * 2' },
    {
      name: 'bigness',
      label: 'Bigness',
      type: 'formula',
      expression: 'if(annualRevenue > 1000000, "large", "small")',
    },
    {
      name: 'revenuePerHead',
      label: 'Revenue per head',
      type: 'formula',
      expression: 'annualRevenue / employees',
    },
    { name: 'badge', label: 'Badge', type: 'formula', expression: 'bigness & ":" & upper(name)' },
    {
      name: 'contactCount',
      label: 'Contacts',
      type: 'rollup',
      rollup: { object: 'contacts', via: 'accountId', fn: 'count' },
    },
    {
      name: 'customerCount',
      label: 'Customers',
      type: 'rollup',
      rollup: {
        object: 'contacts',
        via: 'accountId',
        fn: 'count',
        filter: { field: 'lifecycleStage', op: 'eq', value: 'customer' },
      },
    },
    { name: 'reach', label: 'Reach', type: 'formula', expression: 'contactCount * 10 + coalesce(staff2, 0)' },
  ]) {
    const added = await addField(body);
    expect(added.status, added.body).toBe(201);
  }
});
afterAll(() => app.close());

describe('formula and rollup fields', () => {
  it('describes them as read-only fields of the type they compute', async () => {
    const meta = await app.call('GET', '/api/v1/metadata/objects', { as: admin });
    const accounts = meta
      .json<{ data: { name: string; fields: FieldMeta[] }[] }>()
      .data.find((o) => o.name === 'accounts')!;
    const pick = (name: string) => {
      const f = accounts.fields.find((x) => x.name === name)!;
      return { type: f.type, readOnly: f.readOnly, expression: f.expression };
    };
    expect(pick('staff2')).toEqual({ type: 'number', readOnly: true, expression: 'employees * 2' });
    expect(pick('revenuePerHead')).toEqual({
      type: 'money',
      readOnly: true,
      expression: 'annualRevenue / employees',
    });
    expect(pick('badge').type).toBe('text');
    expect(pick('contactCount')).toEqual({ type: 'number', readOnly: true, expression: undefined });
  });

  it('computes them in records, lists and gets', async () => {
    const page = await list(
      'sort=name&fields=name,staff2,bigness,revenuePerHead,badge,contactCount,customerCount,reach',
    );
    expect(page.data.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        name: 'Alpha',
        staff2: 20,
        bigness: 'large',
        revenuePerHead: '200000.00',
        badge: 'large:ALPHA',
        contactCount: 3,
        customerCount: 2,
        reach: 50,
      },
      {
        name: 'Beta',
        staff2: 0,
        bigness: 'small',
        revenuePerHead: null,
        badge: 'small:BETA',
        contactCount: 1,
        customerCount: 1,
        reach: 10,
      },
      {
        name: 'Delta',
        staff2: 800,
        bigness: 'large',
        revenuePerHead: '3750.00',
        badge: 'large:DELTA',
        contactCount: 2,
        customerCount: 0,
        reach: 820,
      },
      {
        name: 'Epsilon',
        staff2: 10,
        bigness: 'small',
        revenuePerHead: '20.00',
        badge: 'small:EPSILON',
        contactCount: 0,
        customerCount: 0,
        reach: 10,
      },
      {
        name: 'Gamma',
        staff2: null,
        bigness: 'small',
        revenuePerHead: null,
        badge: 'small:GAMMA',
        contactCount: 0,
        customerCount: 0,
        reach: 0,
      },
    ]);
    const one = await app.call('GET', `/api/v1/accounts/${accountIds.Delta}`, { as: admin });
    expect(one.json<Account>()).toMatchObject({ staff2: 800, bigness: 'large', contactCount: 2, reach: 820 });
  });

  it('filters by them', async () => {
    expect(await names('filter[bigness][eq]=large&sort=name')).toEqual(['Alpha', 'Delta']);
    expect(await names('filter[contactCount][gte]=2&sort=name')).toEqual(['Alpha', 'Delta']);
    expect(await names('filter[staff2][lt]=15&sort=name')).toEqual(['Beta', 'Epsilon']);
    expect(await names('filter[revenuePerHead][isNull]=true&sort=name')).toEqual(['Beta', 'Gamma']);
    const tree = await app.call('POST', '/api/v1/accounts/query', {
      as: admin,
      body: {
        filter: {
          or: [
            { field: 'customerCount', op: 'gt', value: 1 },
            { field: 'badge', op: 'contains', value: 'gam' },
          ],
        },
        sort: 'name',
      },
    });
    expect(tree.json<{ data: Account[] }>().data.map((a) => a.name)).toEqual(['Alpha', 'Gamma']);
  });

  it('sorts by them, page after page', async () => {
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.data.map((a) => a.name));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('-contactCount,name')).toEqual(['Alpha', 'Delta', 'Beta', 'Epsilon', 'Gamma']);
    expect(await walk('contactCount')).toEqual(['Gamma', 'Epsilon', 'Beta', 'Delta', 'Alpha']);
    expect(await walk('revenuePerHead,name')).toEqual(['Epsilon', 'Delta', 'Alpha', 'Beta', 'Gamma']);
    // Descending puts nulls first (Gamma has no staff), as PostgreSQL does.
    expect(await walk('-bigness,-staff2')).toEqual(['Gamma', 'Epsilon', 'Beta', 'Delta', 'Alpha']);
  });

  it('exports them', async () => {
    const csv = await app.call('GET', '/api/v1/accounts/export?fields=name,bigness,contactCount&sort=name', {
      as: admin,
    });
    expect(csv.status).toBe(200);
    expect(
      csv.body
        .trim()
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(',').slice(1).join(',')),
    ).toEqual(['Alpha,large,3', 'Beta,small,1']);
  });

  it('refuses a write to a computed field, naming it', async () => {
    const create = await app.call('POST', '/api/v1/accounts', {
      as: admin,
      body: { name: 'X', bigness: 'large' },
    });
    expect(create.status).toBe(400);
    expect(create.json<Problem>().errors.map((e) => e.path)).toEqual(['bigness']);
    const update = await app.call('PATCH', `/api/v1/accounts/${accountIds.Beta}`, {
      as: admin,
      body: { contactCount: 9 },
      headers: { 'if-match': '1' },
    });
    expect(update.status).toBe(400);
    expect(update.json<Problem>().errors.map((e) => e.path)).toEqual(['contactCount']);
  });
});

describe('refused formulas and rollups', () => {
  const refused = async (body: object) => {
    const response = await addField({ name: 'refused', label: 'Refused', ...body });
    expect(response.status, response.body).toBe(400);
    return response.json<Problem>().errors;
  };
  const formula = (expression: string) => refused({ type: 'formula', expression });

  it('answers 400 with the position of the error', async () => {
    expect(await formula('employees * (2 +')).toEqual([
      { path: 'expression', message: 'expected a value but found the end at 17' },
    ]);
    expect(await formula('employees + foo')).toEqual([
      { path: 'expression', message: 'unknown field "foo" at 13' },
    ]);
    expect(await formula('name * 2')).toEqual([{ path: 'expression', message: 'expected a number at 1' }]);
    expect(await formula('if(employees > 1, 2)')).toEqual([
      { path: 'expression', message: 'if takes 3 arguments at 1' },
    ]);
    expect(await formula('refused + 1')).toEqual([
      { path: 'expression', message: 'cycle: "refused" uses this formula at 1' },
    ]);
    expect(await formula('tags & "x"')).toEqual([
      { path: 'expression', message: 'field "tags" cannot be used in a formula at 1' },
    ]);
    expect(await formula(`${'employees + '.repeat(200)}1`)).toEqual([
      { path: 'expression', message: 'a formula has at most 2000 characters at 2001' },
    ]);
    expect(await refused({ type: 'formula' })).toEqual([
      { path: 'expression', message: 'is required for a formula' },
    ]);
  });

  it('refuses a rollup that does not point back or adds up text', async () => {
    expect(
      await refused({ type: 'rollup', rollup: { object: 'contacts', via: 'firstName', fn: 'count' } }),
    ).toEqual([{ path: 'rollup.via', message: 'contacts has no reference field "firstName" to accounts' }]);
    expect(
      await refused({
        type: 'rollup',
        rollup: { object: 'contacts', via: 'accountId', fn: 'sum', field: 'email' },
      }),
    ).toEqual([{ path: 'rollup.field', message: 'sum needs a number or money field' }]);
    expect(
      await refused({
        type: 'rollup',
        rollup: {
          object: 'contacts',
          via: 'accountId',
          fn: 'count',
          filter: { field: 'nope', op: 'eq', value: 1 },
        },
      }),
    ).toEqual([{ path: 'rollup.filter', message: 'unknown field "nope"' }]);
  });

  it('refuses a retired field, and a formula whose field is retired later reads as null, marked broken', async () => {
    expect((await addField({ name: 'score', label: 'Score', type: 'number' })).status).toBe(201);
    expect(
      (await addField({ name: 'double', label: 'Double', type: 'formula', expression: 'score * 2' })).status,
    ).toBe(201);
    await app.call('PATCH', `/api/v1/accounts/${accountIds.Alpha}`, {
      as: admin,
      body: { score: 21 },
      headers: { 'if-match': '1' },
    });
    expect((await list(`filter[name][eq]=Alpha&fields=double`)).data[0].double).toBe(42);
    const retire = await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/score', {
      as: admin,
      body: { retired: true },
    });
    expect(retire.status).toBe(200);
    const double = retire.json<{ fields: FieldMeta[] }>().fields.find((f) => f.name === 'double');
    expect(double?.broken).toBe('unknown field "score" at 1');
    expect((await list(`filter[name][eq]=Alpha&fields=double,staff2`)).data[0]).toMatchObject({
      double: null,
      staff2: 20,
    });
    expect(await formula('score + 1')).toEqual([
      { path: 'expression', message: 'unknown field "score" at 1' },
    ]);
  });
});
