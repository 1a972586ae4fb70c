import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { AssignmentRule } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string };
let reps: { cookie: string; userId: string }[];
let dora: { cookie: string; userId: string };
let north: string;
let roundRobin: AssignmentRule;

const call = (method: string, url: string, body?: unknown, as = admin.cookie) =>
  app.call(method, url, { as, body });

async function lead(body: Record<string, unknown> = {}, as = admin.cookie) {
  const response = await call(
    'POST',
    '/api/v1/contacts',
    { lastName: 'Lead', lifecycleStage: 'lead', leadStatus: 'new', ...body },
    as,
  );
  expect(response.status, response.body).toBe(201);
  const created = response.json<{ id: string; ownerId: string; version: number }>();
  const stored = (await call('GET', `/api/v1/contacts/${created.id}`)).json<typeof created>();
  // The create answers the lead as routed, not as first inserted.
  expect({ ...stored, likelyDuplicates: [] }).toEqual(created);
  return stored;
}

const counts = (owners: string[]) => reps.map((r) => owners.filter((o) => o === r.userId).length);

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Assignment');
  north = (await call('POST', '/api/v1/teams', { name: 'North' })).json<{ id: string }>().id;
  reps = [];
  for (let i = 0; i < 3; i++) reps.push(await app.addUser(admin.cookie, 'rep', north));
  dora = await app.addUser(admin.cookie, 'rep');
});
afterAll(() => app?.close());

describe('lead assignment', () => {
  it('leaves leads alone while there is no rule', async () => {
    expect((await lead()).ownerId).toBe(admin.userId);
  });

  it('checks rules: filter fields, one assignee of this workspace, admins only', async () => {
    const bad = async (body: unknown, as = admin.cookie) => {
      const response = await call('POST', '/api/v1/leads/assignment-rules', body, as);
      return { status: response.status, errors: response.json<{ errors?: { path: string }[] }>().errors };
    };
    const rule = { name: 'x', priority: 1, teamId: north };
    expect(await bad({ ...rule, filter: { field: 'shoeSize', op: 'eq', value: 1 } })).toMatchObject({
      status: 400,
      errors: [{ path: 'filter' }],
    });
    expect(await bad({ ...rule, userId: dora.userId })).toMatchObject({
      status: 400,
      errors: [{ path: 'userId' }],
    });
    expect(await bad({ ...rule, teamId: '019a0000-0000-7000-8000-000000000000' })).toMatchObject({
      status: 400,
      errors: [{ path: 'teamId' }],
    });
    expect((await bad(rule, reps[0].cookie)).status).toBe(403);
  });

  it('routes by territory first, then round-robin in the team, ordered by priority', async () => {
    const team = await call('POST', '/api/v1/leads/assignment-rules', {
      name: 'North team',
      priority: 20,
      teamId: north,
    });
    expect(team.status, team.body).toBe(201);
    roundRobin = team.json<AssignmentRule>();
    const germany = await call('POST', '/api/v1/leads/assignment-rules', {
      name: 'Germany',
      priority: 10,
      filter: { field: 'mailingAddress.country', op: 'eq', value: 'Germany' },
      userId: dora.userId,
    });
    expect(germany.status, germany.body).toBe(201);
    const listed = (await call('GET', '/api/v1/leads/assignment-rules')).json<{ data: AssignmentRule[] }>()
      .data;
    expect(listed.map((r) => r.name)).toEqual(['Germany', 'North team']);

    const german = await lead({ mailingAddress: { city: 'Berlin', country: 'Germany' } });
    expect(german.ownerId).toBe(dora.userId);
    const history = await call('GET', `/api/v1/contacts/${german.id}/history`);
    const [last] = history.json<{ data: { source: string; actor: { name: string }; changes: unknown[] }[] }>()
      .data;
    expect(last).toMatchObject({
      source: 'assignment',
      actor: { name: 'Lead assignment' },
      changes: [{ field: 'ownerId', from: admin.userId, to: dora.userId }],
    });
  });

  it('takes the team members in turn, fairly', async () => {
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) owners.push((await lead()).ownerId);
    expect(counts(owners)).toEqual([2, 2, 2]);
    expect(owners.slice(0, 3)).toEqual(owners.slice(3));
  });

  it('stays fair when leads are created at the same time', async () => {
    const owners = (await Promise.all(Array.from({ length: 9 }, () => lead()))).map((l) => l.ownerId);
    expect(counts(owners)).toEqual([3, 3, 3]);
    const rule = (await call('GET', '/api/v1/leads/assignment-rules')).json<{ data: AssignmentRule[] }>()
      .data;
    expect(rule.find((r) => r.id === roundRobin.id)?.assigned).toBe(15);
  });

  it('keeps explicit owners, reps’ own leads and contacts that are not leads', async () => {
    expect((await lead({ ownerId: dora.userId })).ownerId).toBe(dora.userId);
    expect((await lead({}, reps[0].cookie)).ownerId).toBe(reps[0].userId);
    expect((await lead({ lifecycleStage: 'customer' })).ownerId).toBe(admin.userId);
  });

  it('routes leads that an integration creates', async () => {
    const key = await call('POST', '/api/v1/api-keys', { name: 'Web form', role: 'rep' }, reps[1].cookie);
    expect(key.status, key.body).toBe(201);
    const made = await lead({}, key.json<{ token: string }>().token);
    expect(reps.map((r) => r.userId)).toContain(made.ownerId);
  });

  it('skips inactive rules and can be changed and removed', async () => {
    const patched = await call('PATCH', `/api/v1/leads/assignment-rules/${roundRobin.id}`, { active: false });
    expect(patched.json<AssignmentRule>()).toMatchObject({ active: false, teamId: north });
    expect((await lead()).ownerId).toBe(admin.userId);
    expect(
      (
        await call(
          'PATCH',
          `/api/v1/leads/assignment-rules/${roundRobin.id}`,
          { active: true },
          reps[0].cookie,
        )
      ).status,
    ).toBe(403);
    expect((await call('DELETE', `/api/v1/leads/assignment-rules/${roundRobin.id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/leads/assignment-rules/${roundRobin.id}`)).status).toBe(404);
  });

  it("never shows another workspace's rules", async () => {
    const other = await app.signup('Elsewhere');
    expect((await call('GET', '/api/v1/leads/assignment-rules', undefined, other.cookie)).json()).toEqual({
      data: [],
    });
  });
});
