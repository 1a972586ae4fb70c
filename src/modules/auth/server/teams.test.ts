import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

/** Issue 10, item 12: teams can be renamed, deleted and given members; a key shows its own prefix. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;
let rep: { cookie: string; userId: string };
let other: Awaited<ReturnType<TestApp['signup']>>;

type Team = { id: string; name: string };
const teams = async () =>
  (await app.call('GET', '/api/v1/teams', { as: admin.cookie })).json<{ data: Team[] }>().data;
const addTeam = async (name: string) =>
  (await app.call('POST', '/api/v1/teams', { as: admin.cookie, body: { name } })).json<Team>();

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Teams Co');
  rep = await app.addUser(admin.cookie, 'rep');
  other = await app.signup('Other Teams Co');
});
afterAll(() => app.close());

describe('teams', () => {
  it('are renamed by admins only, to a name no other team has', async () => {
    const east = await addTeam('East');
    await addTeam('West');
    const renamed = await app.call('PATCH', `/api/v1/teams/${east.id}`, {
      as: admin.cookie,
      body: { name: 'EMEA' },
    });
    expect(renamed.status, renamed.body).toBe(200);
    expect(renamed.json<Team>()).toMatchObject({ id: east.id, name: 'EMEA' });
    const taken = await app.call('PATCH', `/api/v1/teams/${east.id}`, {
      as: admin.cookie,
      body: { name: 'West' },
    });
    expect(taken.status).toBe(409);
    const call = (as: string, body: unknown = { name: 'Mine' }) =>
      app.call('PATCH', `/api/v1/teams/${east.id}`, { as, body });
    expect((await call(rep.cookie)).status).toBe(403);
    expect((await call(other.cookie)).status).toBe(404);
    expect((await call(admin.cookie, { name: '' })).status).toBe(400);
    expect((await teams()).map((t) => t.name)).toEqual(['EMEA', 'West']);
  });

  it('take members through the user update, and deleting one leaves them without a team', async () => {
    const team = await addTeam('Short-lived');
    const joined = await app.call('PATCH', `/api/v1/users/${rep.userId}`, {
      as: admin.cookie,
      body: { teamId: team.id },
    });
    expect(joined.status, joined.body).toBe(200);
    expect((await app.call('DELETE', `/api/v1/teams/${team.id}`, { as: rep.cookie })).status).toBe(403);
    expect((await app.call('DELETE', `/api/v1/teams/${team.id}`, { as: other.cookie })).status).toBe(404);
    expect((await app.call('DELETE', `/api/v1/teams/${team.id}`, { as: admin.cookie })).status).toBe(204);
    expect((await teams()).map((t) => t.name)).not.toContain('Short-lived');
    const users = (await app.call('GET', '/api/v1/users', { as: admin.cookie })).json<{
      data: { id: string; teamId: string | null }[];
    }>().data;
    expect(users.find((u) => u.id === rep.userId)?.teamId).toBeNull();
    expect((await app.call('DELETE', `/api/v1/teams/${team.id}`, { as: admin.cookie })).status).toBe(404);
  });
});

describe('API keys', () => {
  it('show the start of their own secret, not the workspace every key shares', async () => {
    // About half of all secrets hold an underscore (base64url); among 20 keys some do (all but one in a million runs).
    const tokens = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const created = await app.call('POST', '/api/v1/api-keys', {
        as: admin.cookie,
        body: { name: `k${i}` },
      });
      expect(created.status, created.body).toBe(201);
      const key = created.json<{ id: string; token: string }>();
      tokens.set(key.id, key.token);
    }
    const listed = (await app.call('GET', '/api/v1/api-keys', { as: admin.cookie })).json<{
      data: { id: string; prefix: string }[];
    }>().data;
    expect(listed).toHaveLength(20);
    const secrets = listed.map((key) => tokens.get(key.id)!.split('_').slice(2).join('_'));
    expect(secrets.some((secret) => secret.includes('_'))).toBe(true);
    expect(listed.map((key) => key.prefix)).toEqual(secrets.map((secret) => `rk_${secret.slice(0, 8)}`));
    for (const key of listed)
      expect(key.prefix).not.toContain(admin.workspaceId.replace(/-/g, '').slice(0, 9));
  });
});
