import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: string;
const ids: Record<string, string> = {};

async function create(object: string, body: Record<string, unknown>, as = admin): Promise<string> {
  const response = await app.call('POST', `/api/v1/${object}`, { as, body });
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<{ id: string }>().id;
}

async function names(object: string, body: Record<string, unknown>, as = admin): Promise<string[]> {
  const response = await app.call('POST', `/api/v1/${object}/query`, { as, body: { limit: 500, ...body } });
  if (response.status !== 200) throw new Error(`${response.status} ${response.body}`);
  return response
    .json<{ data: { name?: string; lastName?: string }[] }>()
    .data.map((r) => (r.name ?? r.lastName) as string);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  ids.group = await create('accounts', { name: 'Group', industry: 'Financial Services' });
  ids.retail = await create('accounts', { name: 'Retailer', industry: 'Retail', parentAccountId: ids.group });
  ids.bank = await create('accounts', { name: 'Bank', industry: 'Financial Services' });
  ids.blank = await create('accounts', { name: 'Blank' });
  await create('contacts', { lastName: 'Avery', accountId: ids.retail });
  await create('contacts', { lastName: 'Brook', accountId: ids.bank });
  await create('contacts', { lastName: 'Cole', accountId: ids.blank });
  await create('contacts', { lastName: 'Dune' });
});
afterAll(() => app?.close());

describe('filters that follow a reference', () => {
  it('match on the referred record’s field, from the query string and from a JSON filter', async () => {
    const list = await app.call('GET', '/api/v1/contacts?filter[accountId.industry][eq]=Retail', {
      as: admin,
    });
    expect(list.json<{ data: { lastName: string }[] }>().data.map((c) => c.lastName)).toEqual(['Avery']);
    expect(
      await names('contacts', { filter: { field: 'accountId.name', op: 'startsWith', value: 'b' } }),
    ).toEqual(['Brook', 'Cole']);
  });

  it('treat a missing referred record as a null value', async () => {
    expect(
      await names('contacts', { filter: { field: 'accountId.industry', op: 'ne', value: 'Retail' } }),
    ).toEqual(['Brook', 'Cole', 'Dune']);
    expect(
      await names('contacts', { filter: { field: 'accountId.industry', op: 'isNull', value: true } }),
    ).toEqual(['Cole', 'Dune']);
    expect(
      await names('contacts', {
        filter: { not: { field: 'accountId.industry', op: 'eq', value: 'Financial Services' } },
      }),
    ).toEqual(['Avery', 'Cole', 'Dune']);
  });

  it('follow references of references', async () => {
    expect(
      await names('contacts', {
        filter: { field: 'accountId.parentAccountId.name', op: 'eq', value: 'Group' },
      }),
    ).toEqual(['Avery']);
  });

  it('see only referred records the caller may see', async () => {
    const rep = await app.addUser(admin, 'rep');
    await create('contacts', { lastName: 'Egan', accountId: ids.bank }, rep.cookie);
    await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
      as: admin,
      body: { visibility: 'owner' },
    });
    // The rep owns no account: the bank is hidden from them, so their contact has no visible account.
    expect(
      await names(
        'contacts',
        { filter: { field: 'accountId.industry', op: 'eq', value: 'Financial Services' } },
        rep.cookie,
      ),
    ).toEqual([]);
    expect(
      await names(
        'contacts',
        { filter: { field: 'accountId.industry', op: 'isNull', value: true } },
        rep.cookie,
      ),
    ).toEqual(['Avery', 'Brook', 'Cole', 'Dune', 'Egan']);
    await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
      as: admin,
      body: { visibility: 'workspace' },
    });
  });

  it('refuse unknown fields, users’ fields and chains deeper than four', async () => {
    const bad = async (field: string) => {
      const response = await app.call('POST', '/api/v1/contacts/query', {
        as: admin,
        body: { filter: { field, op: 'eq', value: 'x' } },
      });
      return { status: response.status, errors: response.json().errors };
    };
    expect(await bad('accountId.nope')).toEqual({
      status: 400,
      errors: [{ path: 'filter', message: 'unknown field "nope"' }],
    });
    expect((await bad('ownerId.name')).status).toBe(400);
    const deep = ['accountId', ...Array.from({ length: 9 }, () => 'parentAccountId'), 'name'].join('.');
    expect(await bad(deep)).toEqual({
      status: 400,
      errors: [{ path: 'filter', message: 'filters follow references at most 4 deep' }],
    });
  });
});

describe('filters on related records that point back (has)', () => {
  it('find accounts with contacts matching a filter, and accounts without any', async () => {
    expect(
      await names('accounts', {
        filter: { has: { object: 'contacts', via: 'accountId', filter: { lastName: { startsWith: 'b' } } } },
      }),
    ).toEqual(['Bank']);
    expect(
      await names('accounts', { filter: { not: { has: { object: 'contacts', via: 'accountId' } } } }),
    ).toEqual(['Group']);
    expect(
      await names('accounts', {
        filter: {
          and: [
            { field: 'industry', op: 'eq', value: 'Financial Services' },
            { has: { object: 'accounts', via: 'parentAccountId' } },
          ],
        },
      }),
    ).toEqual(['Group']);
  });

  it('refuse a via that does not point back, and nesting beyond four', async () => {
    const wrong = await app.call('POST', '/api/v1/accounts/query', {
      as: admin,
      body: { filter: { has: { object: 'contacts', via: 'lastName' } } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json().errors).toEqual([
      { path: 'filter.has.via', message: 'lastName is not a reference from contacts to accounts' },
    ]);
    let filter: Record<string, unknown> = { field: 'name', op: 'eq', value: 'x' };
    for (let i = 0; i < 10; i++) filter = { has: { object: 'accounts', via: 'parentAccountId', filter } };
    const deep = await app.call('POST', '/api/v1/accounts/query', { as: admin, body: { filter } });
    expect(deep.status).toBe(400);
    expect(deep.json<{ errors: { message: string }[] }>().errors[0].message).toBe(
      'filters follow references at most 4 deep',
    );
  });
});

describe('sorting by a referred record’s field', () => {
  it('orders by it, nulls last, and pages through with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/contacts?sort=accountId.name,lastName&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await app.call('GET', query, { as: admin })).json<{
        data: { lastName: string }[];
        nextCursor: string | null;
      }>();
      seen.push(...page.data.map((c) => c.lastName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Brook', 'Egan', 'Cole', 'Avery', 'Dune']);
    const desc = (
      await app.call('GET', '/api/v1/contacts?sort=-accountId.name,lastName', { as: admin })
    ).json<{
      data: { lastName: string }[];
    }>();
    expect(desc.data.map((c) => c.lastName)).toEqual(['Dune', 'Avery', 'Cole', 'Brook', 'Egan']);
  });
});
