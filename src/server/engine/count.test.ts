import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: { cookie: string };

type Page = { data: unknown[]; total?: number; totalKind?: string };

async function list(url: string) {
  const response = await app.call('GET', url, { as: admin.cookie });
  expect(response.status, response.body).toBe(200);
  return response.json<Page>();
}

async function bulkCreate(count: number, industry: (i: number) => string) {
  const response = await app.call('POST', '/api/v1/accounts/bulk', {
    as: admin.cookie,
    body: {
      create: Array.from({ length: count }, (_, i) => ({ name: `Counted ${i}`, industry: industry(i) })),
    },
  });
  expect(response.status, response.body).toBe(200);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  await bulkCreate(30, () => 'Retail');
});
afterAll(() => app.close());

describe('the total of a list', () => {
  it('counts every match with count=true, and says so', async () => {
    const page = await list('/api/v1/accounts?limit=5&count=true');
    expect([page.data.length, page.total, page.totalKind]).toEqual([5, 30, 'exact']);
    const none = await list('/api/v1/accounts?limit=5');
    expect(none.total).toBeUndefined();
    expect(none.totalKind).toBeUndefined();
  });

  it('counts a small list exactly even when an estimate is asked for', async () => {
    const page = await list('/api/v1/accounts?limit=5&count=estimate');
    expect([page.total, page.totalKind]).toEqual([30, 'exact']);
    const query = await app.call('POST', '/api/v1/accounts/query', {
      as: admin.cookie,
      body: { filter: { industry: { eq: 'Retail' } }, limit: 1, count: 'estimate' },
    });
    expect(query.json<Page>()).toMatchObject({ total: 30, totalKind: 'exact' });
  });

  it('estimates a large list from the planner, and counts it exactly when asked', async () => {
    await bulkCreate(1000, (i) => (i % 2 ? 'Media' : 'Energy'));
    await bulkCreate(200, () => 'Media');
    await app.db.write((tx) => tx.execute(sql`ANALYZE accounts`));
    const all = await list('/api/v1/accounts?limit=1&count=estimate');
    expect(all.totalKind).toBe('estimate');
    expect(all.total).toBeGreaterThan(1230 * 0.9);
    expect(all.total).toBeLessThan(1230 * 1.1);
    const notRetail = await list('/api/v1/accounts?limit=1&count=estimate&filter[industry][ne]=Retail');
    expect(notRetail.totalKind).toBe('estimate');
    expect(notRetail.total).toBeGreaterThan(1200 * 0.9);
    expect(notRetail.total).toBeLessThan(1200 * 1.1);
    expect(await list('/api/v1/accounts?limit=1&count=true&filter[industry][ne]=Retail')).toMatchObject({
      total: 1200,
      totalKind: 'exact',
    });
    // Fewer than a thousand matches are counted, whatever the table's size.
    expect(await list('/api/v1/accounts?limit=1&count=estimate&filter[industry][eq]=Media')).toMatchObject({
      total: 700,
      totalKind: 'exact',
    });
    // A filter the statistics cannot see through still answers at least what was counted.
    const few = await list('/api/v1/accounts?limit=1&count=estimate&filter[name][startsWith]=Counted');
    expect(few.totalKind).toBe('estimate');
    expect(few.total).toBeGreaterThan(1000);
  });

  it('refuses a count it does not know', async () => {
    const response = await app.call('GET', '/api/v1/accounts?count=roughly', { as: admin.cookie });
    expect(response.status).toBe(400);
    expect(response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['count']);
    const body = await app.call('POST', '/api/v1/accounts/query', {
      as: admin.cookie,
      body: { count: 'roughly' },
    });
    expect(body.status).toBe(400);
    expect(body.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['count']);
  });
});
