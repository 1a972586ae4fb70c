import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/** Issue 10, item 11: "select all 1,202 matching" is carried out on the server with the list's filter. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;
let viewer: { cookie: string };
let other: Awaited<ReturnType<TestApp['signup']>>;
const industryIs = (value: string) => ({ field: 'industry', op: 'eq', value });

type Account = { id: string; name: string; industry: string | null; employees: number | null };

async function matching(body: unknown, as = admin.cookie) {
  return app.call('POST', '/api/v1/accounts/bulk/matching', { as, body });
}

async function accountsIn(industry: string) {
  const response = await app.call('POST', '/api/v1/accounts/query', {
    as: admin.cookie,
    body: { filter: industryIs(industry), limit: 500, sort: 'name', count: true },
  });
  return response.json<{ data: Account[]; total: number }>();
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Matching Co');
  viewer = await app.addUser(admin.cookie, 'viewer');
  other = await app.signup('Other Matching Co');
  const create = (industry: string, count: number, employees: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `${industry} ${String(i).padStart(4, '0')}`,
      industry,
      employees,
    }));
  for (const body of [
    { create: [...create('Retail', 1000, 5)] },
    { create: [...create('Retail', 202, 5), ...create('Media', 3, 9)] },
  ]) {
    const response = await app.call('POST', '/api/v1/accounts/bulk', { as: admin.cookie, body });
    expect(response.status, response.body).toBe(200);
  }
  await app.call('POST', '/api/v1/accounts', {
    as: other.cookie,
    body: { name: 'Theirs', industry: 'Retail' },
  });
});
afterAll(() => app.close());

describe('changes to every matching record', () => {
  it('sets a field on all 1,202 matches, beyond the 1,000 of one bulk call, and answers the old values', async () => {
    const response = await matching({ filter: industryIs('Retail'), set: { employees: 42 } });
    expect(response.status, response.body).toBe(200);
    const result = response.json<{ matched: number; previous: { id: string; employees: number }[] }>();
    expect(result.matched).toBe(1202);
    expect(result.previous).toHaveLength(1202);
    expect(new Set(result.previous.map((p) => p.employees))).toEqual(new Set([5]));
    const retail = await accountsIn('Retail');
    expect(retail.total).toBe(1202);
    expect(new Set(retail.data.map((a) => a.employees))).toEqual(new Set([42]));
    expect(new Set((await accountsIn('Media')).data.map((a) => a.employees))).toEqual(new Set([9]));

    // The undo is the old values, sent back through the ordinary bulk call.
    const undo = await app.call('POST', '/api/v1/accounts/bulk', {
      as: admin.cookie,
      body: { update: result.previous.slice(0, 1000) },
    });
    expect(undo.status, undo.body).toBe(200);
    const theirs = await app.call('GET', '/api/v1/accounts', { as: other.cookie });
    expect(theirs.json<{ data: Account[] }>().data[0].employees).toBeNull();
  });

  it('deletes every match of a search, and the ids come back for an undo through bulk restore', async () => {
    const response = await matching({ q: 'Media', delete: true });
    expect(response.status, response.body).toBe(200);
    const { matched, deleted } = response.json<{ matched: number; deleted: string[] }>();
    expect(matched).toBe(3);
    expect((await accountsIn('Media')).total).toBe(0);
    const restored = await app.call('POST', '/api/v1/accounts/bulk', {
      as: admin.cookie,
      body: { restore: deleted },
    });
    expect(restored.json<{ restored: string[] }>().restored.sort()).toEqual([...deleted].sort());
    expect((await accountsIn('Media')).total).toBe(3);
  });

  it('is all or nothing: one refused value leaves every record as it was', async () => {
    const refused = await matching({ filter: industryIs('Media'), set: { employees: -5 } });
    expect(refused.status).toBe(400);
    expect(new Set((await accountsIn('Media')).data.map((a) => a.employees))).toEqual(new Set([9]));
  });

  it('refuses what it cannot do, with a precise answer', async () => {
    expect((await matching({ filter: industryIs('Media') })).status).toBe(400);
    expect(
      (await matching({ filter: industryIs('Media'), set: { employees: 1 }, delete: true })).status,
    ).toBe(400);
    expect(
      (await matching({ filter: { field: 'nope', op: 'eq', value: 1 }, set: { employees: 1 } })).status,
    ).toBe(400);
    expect(
      (await matching({ filter: industryIs('Media'), set: { employees: 1 } }, viewer.cookie)).status,
    ).toBe(403);
    expect(new Set((await accountsIn('Media')).data.map((a) => a.employees))).toEqual(new Set([9]));
  });
});
