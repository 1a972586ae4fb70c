import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/** Issue 8, finding 2: clearing a record's owner never publishes it. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;
let teammate: { cookie: string; userId: string };
let outsider: { cookie: string; userId: string };
let accountId: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Ownerless Co');
  const team = (name: string) =>
    app
      .call('POST', '/api/v1/teams', { as: admin.cookie, body: { name } })
      .then((r) => r.json<{ id: string }>().id);
  const [east, west] = [await team('East'), await team('West')];
  teammate = await app.addUser(admin.cookie, 'rep', east);
  const owner = await app.addUser(admin.cookie, 'rep', east);
  outsider = await app.addUser(admin.cookie, 'rep', west);
  await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
    as: admin.cookie,
    body: { visibility: 'team' },
  });
  const created = await app.call('POST', '/api/v1/accounts', {
    as: owner.cookie,
    body: { name: 'Team Secret Inc' },
  });
  accountId = created.json<{ id: string }>().id;
});
afterAll(() => app.close());

describe('records without an owner', () => {
  it('a teammate cannot clear the owner: 400 naming ownerId, and nothing changes', async () => {
    expect((await app.call('GET', `/api/v1/accounts/${accountId}`, { as: outsider.cookie })).status).toBe(
      404,
    );
    const cleared = await app.call('PATCH', `/api/v1/accounts/${accountId}`, {
      as: teammate.cookie,
      body: { ownerId: null },
    });
    expect(cleared.status).toBe(400);
    expect(cleared.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'ownerId', message: 'only an admin can leave a record without an owner' },
    ]);
    expect((await app.call('GET', `/api/v1/accounts/${accountId}`, { as: outsider.cookie })).status).toBe(
      404,
    );
    const bulk = await app.call('POST', '/api/v1/accounts/bulk', {
      as: teammate.cookie,
      body: { update: [{ id: accountId, ownerId: null }] },
    });
    expect(bulk.status).toBe(400);
    expect(bulk.json<{ errors: { path: string }[] }>().errors[0].path).toBe('update.0.ownerId');
  });

  it('an admin may clear it, and then only admins see the record', async () => {
    const cleared = await app.call('PATCH', `/api/v1/accounts/${accountId}`, {
      as: admin.cookie,
      body: { ownerId: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json().ownerId).toBeNull();
    for (const user of [outsider, teammate])
      expect((await app.call('GET', `/api/v1/accounts/${accountId}`, { as: user.cookie })).status).toBe(404);
    const list = await app.call('GET', '/api/v1/accounts?q=secret', { as: outsider.cookie });
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
    expect((await app.call('GET', `/api/v1/accounts/${accountId}`, { as: admin.cookie })).status).toBe(200);
  });
});
