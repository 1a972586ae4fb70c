import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import type { RecentView } from '../../common/recentViews';

/** `GET /me/recent`: the records a user opened lately, each once, newest first, as they may still see them. */

let app: TestApp;
let admin: { cookie: string; userId: string; workspaceId: string };
let rep: { cookie: string; userId: string };

const create = async (object: string, body: Record<string, unknown>) => {
  const response = await app.call('POST', `/api/v1/${object}`, { as: admin.cookie, body });
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>().id;
};
const open = async (as: string, object: string, id: string) =>
  expect((await app.call('GET', `/api/v1/${object}/${id}`, { as })).status).toBe(200);
const recent = async (as: string, query = '') => {
  const response = await app.call('GET', `/api/v1/me/recent${query}`, { as });
  expect(response.status, response.body).toBe(200);
  return response.json<{ data: RecentView[] }>().data;
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Recent');
  rep = await app.addUser(admin.cookie, 'rep');
});
afterAll(() => app.close());

describe('recently viewed', () => {
  it('lists each record once, by its name, the last opened first; lists and searches do not count', async () => {
    const acme = await create('accounts', { name: 'Acme' });
    const jane = await create('contacts', { firstName: 'Jane', lastName: 'Doe' });
    const globex = await create('accounts', { name: 'Globex' });
    await open(admin.cookie, 'accounts', acme);
    await open(admin.cookie, 'contacts', jane);
    await open(admin.cookie, 'accounts', globex);
    await open(admin.cookie, 'accounts', acme);
    await app.call('GET', '/api/v1/accounts?limit=5', { as: admin.cookie });
    const found = await recent(admin.cookie);
    expect(found.map((r) => [r.object, r.id, r.title])).toEqual([
      ['accounts', acme, 'Acme'],
      ['accounts', globex, 'Globex'],
      ['contacts', jane, 'Jane Doe'],
    ]);
    expect(Date.parse(found[0].viewedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await recent(admin.cookie, '?limit=1')).map((r) => r.title)).toEqual(['Acme']);
    // Each user has their own.
    expect(await recent(rep.cookie)).toEqual([]);
  });

  it('leaves out a record since deleted, one no longer visible, and views older than 30 days', async () => {
    const gone = await create('accounts', { name: 'Gone' });
    const old = await create('accounts', { name: 'Old' });
    const mine = await create('accounts', { name: 'Mine', ownerId: rep.userId });
    const theirs = await create('accounts', { name: 'Theirs', ownerId: admin.userId });
    for (const id of [gone, old, mine, theirs]) await open(rep.cookie, 'accounts', id);
    expect((await app.call('DELETE', `/api/v1/accounts/${gone}`, { as: admin.cookie })).status).toBe(204);
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE usage_events SET at = now() - interval '31 days'
        WHERE workspace_id = ${admin.workspaceId} AND record_id = ${old}`),
    );
    expect((await recent(rep.cookie)).map((r) => r.title)).toEqual(['Theirs', 'Mine']);
    const owned = await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
      as: admin.cookie,
      body: { visibility: 'owner' },
    });
    expect(owned.status, owned.body).toBe(200);
    expect((await recent(rep.cookie)).map((r) => r.title)).toEqual(['Mine']);
  });

  it('refuses a bad limit and an unknown parameter, and needs a sign-in', async () => {
    for (const query of ['?limit=0', '?limit=51', '?limit=ten', '?user=x'])
      expect((await app.call('GET', `/api/v1/me/recent${query}`, { as: admin.cookie })).status).toBe(400);
    expect((await app.call('GET', '/api/v1/me/recent')).status).toBe(401);
  });
});
