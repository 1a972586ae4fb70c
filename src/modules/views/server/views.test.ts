import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

describe('saved views', () => {
  it("keep a view's layout and grouping, and accept a view saved without them", async () => {
    const board = await app.call('POST', '/api/v1/views', {
      as: admin.cookie,
      body: {
        object: 'accounts',
        name: 'By industry',
        state: { columns: ['name'], layout: 'board', groupBy: 'industry' },
      },
    });
    expect(board.status).toBe(201);
    expect(board.json().state).toEqual({
      columns: ['name'],
      sort: '',
      filter: null,
      q: null,
      layout: 'board',
      groupBy: 'industry',
    });

    const table = await app.call('PATCH', `/api/v1/views/${board.json().id}`, {
      as: admin.cookie,
      body: { state: { columns: ['name'], sort: 'name' } },
    });
    expect(table.status).toBe(200);
    expect(table.json().state).toEqual({ columns: ['name'], sort: 'name', filter: null, q: null });

    const listed = await app.call('GET', '/api/v1/views?object=accounts', { as: admin.cookie });
    const views = listed.json<{ data: { name: string; state: unknown }[] }>().data;
    expect(views.map((v) => [v.name, v.state])).toEqual([
      ['By industry', { columns: ['name'], sort: 'name', filter: null, q: null }],
    ]);
  });

  it('refuses a layout it does not know', async () => {
    const res = await app.call('POST', '/api/v1/views', {
      as: admin.cookie,
      body: { object: 'accounts', name: 'Gantt', state: { columns: [], layout: 'gantt' } },
    });
    expect(res.status).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['state.layout']);
  });

  it('bounds a saved filter like a list filter: 50,000 nested "not" is a 400 naming it, not a 500', async () => {
    // Written as text: JSON.stringify itself would overflow the stack on it.
    const filter = `${'{"not":'.repeat(50_000)}{"name":{"eq":"x"}}${'}'.repeat(50_000)}`;
    const body = `{"object":"accounts","name":"Deep","state":{"columns":["name"],"filter":${filter}}}`;
    const created = await app.call('POST', '/api/v1/views', { as: admin.cookie, body });
    expect(created.status).toBe(400);
    expect(created.json<{ errors: { path: string }[] }>().errors[0].path).toBe('state.filter');
    const listed = await app.call('GET', '/api/v1/views?object=accounts', { as: admin.cookie });
    expect(listed.json<{ data: { name: string }[] }>().data.map((v) => v.name)).not.toContain('Deep');
  });
});

describe('who sees a saved view', () => {
  it("shows a workspace's shared views to its users only, and a private view to its owner only", async () => {
    const save = (cookie: string, name: string, shared: boolean) =>
      app.call('POST', '/api/v1/views', {
        as: cookie,
        body: { object: 'contacts', name, shared, state: { columns: ['lastName'] } },
      });
    const names = async (cookie: string) =>
      (await app.call('GET', '/api/v1/views?object=contacts', { as: cookie }))
        .json<{ data: { name: string }[] }>()
        .data.map((v) => v.name)
        .sort();
    const shared = await save(admin.cookie, 'Team list', true);
    expect(shared.status).toBe(201);
    expect((await save(admin.cookie, 'My list', false)).status).toBe(201);
    const rep = await app.addUser(admin.cookie, 'rep');
    // The other workspace has contacts and shared views of its own.
    const other = await app.signup('Views Elsewhere');
    expect((await save(other.cookie, 'Their list', true)).status).toBe(201);

    expect(await names(admin.cookie)).toEqual(['My list', 'Team list']);
    expect(await names(rep.cookie)).toEqual(['Team list']);
    expect(await names(other.cookie)).toEqual(['Their list']);
    const id = shared.json<{ id: string }>().id;
    const rename = { name: 'Taken over', state: { columns: ['lastName'] } };
    expect((await app.call('PATCH', `/api/v1/views/${id}`, { as: other.cookie, body: rename })).status).toBe(
      404,
    );
    expect((await app.call('DELETE', `/api/v1/views/${id}`, { as: other.cookie })).status).toBe(404);
    expect(await names(admin.cookie)).toEqual(['My list', 'Team list']);
  });
});
