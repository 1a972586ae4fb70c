import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const field = await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
    as: admin.cookie,
    body: { name: 'tier', label: 'Tier', type: 'number' },
  });
  expect(field.status, field.body).toBe(201);
});
afterAll(() => app.close());

type Account = Record<string, unknown> & { id: string; version: number };
type Entry = { changes: { field: string; from: unknown; to: unknown }[] };

async function bulk(body: unknown) {
  const response = await app.call('POST', '/api/v1/accounts/bulk', { as: admin.cookie, body });
  expect(response.status, response.body).toBe(200);
  return response.json<{ created: Account[]; updated: Account[]; deleted: string[] }>();
}

async function history(id: string) {
  const response = await app.call('GET', `/api/v1/accounts/${id}/history`, { as: admin.cookie });
  return response.json<{ data: Entry[] }>().data;
}

describe('bulk update, grouped by the columns each row sets', () => {
  it('writes rows that set different columns, in the order asked, each with its own history', async () => {
    const { created } = await bulk({
      create: Array.from({ length: 6 }, (_, i) => ({
        name: `Grouped ${i}`,
        employees: 10 + i,
        industry: 'Retail',
      })),
    });
    const [a, b, c, d, e, f] = created;
    const { updated } = await bulk({
      update: [
        { id: a.id, employees: 100 },
        { id: b.id, industry: 'Media', tier: 2 },
        { id: c.id, employees: 300 },
        { id: d.id, employees: 13 }, // its value already: nothing changes
        { id: e.id, employees: null, industry: null },
        { id: f.id, tier: 7, name: 'Grouped five, renamed' },
      ],
    });
    expect(updated.map((r) => r.id)).toEqual([a.id, b.id, c.id, d.id, e.id, f.id]);
    expect(updated.map((r) => r.version)).toEqual([2, 2, 2, 1, 2, 2]);
    expect(updated.map((r) => [r.employees, r.industry, r.tier ?? null])).toEqual([
      [100, 'Retail', null],
      [11, 'Media', 2],
      [300, 'Retail', null],
      [13, 'Retail', null],
      [null, null, null],
      [15, 'Retail', 7],
    ]);
    expect(updated[5].name).toBe('Grouped five, renamed');

    const read = await app.call('GET', `/api/v1/accounts/${e.id}`, { as: admin.cookie });
    expect(read.json()).toMatchObject({ employees: null, industry: null, version: 2 });
    expect((await history(a.id))[0].changes).toEqual([{ field: 'employees', from: 10, to: 100 }]);
    expect((await history(b.id))[0].changes).toEqual([
      { field: 'industry', from: 'Retail', to: 'Media' },
      { field: 'tier', from: null, to: 2 },
    ]);
    expect((await history(d.id)).length).toBe(1); // only its creation
    expect((await history(e.id))[0].changes).toEqual([
      { field: 'industry', from: 'Retail', to: null },
      { field: 'employees', from: 14, to: null },
    ]);
  });

  it('finds a renamed record by its new name, and no longer by the old one', async () => {
    const { created } = await bulk({ create: [{ name: 'Quillfeather Holdings' }, { name: 'Other Co' }] });
    await bulk({
      update: [
        { id: created[0].id, name: 'Brassworth Holdings' },
        { id: created[1].id, employees: 5 },
      ],
    });
    const search = async (q: string) =>
      (
        await app.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}&objects=accounts`, {
          as: admin.cookie,
        })
      )
        .json<{ data: { id: string }[] }>()
        .data.map((h) => h.id);
    expect(await search('Brassworth')).toEqual([created[0].id]);
    expect(await search('Quillfeather')).toEqual([]);
  });

  it('refuses the same record twice in one request, writing nothing', async () => {
    const { created } = await bulk({ create: [{ name: 'Twice Ltd', employees: 1 }] });
    const twice = await app.call('POST', '/api/v1/accounts/bulk', {
      as: admin.cookie,
      body: {
        update: [
          { id: created[0].id, employees: 2 },
          { id: created[0].id, employees: 3 },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'update.1.id', message: 'the same record as update.0' },
    ]);
    const read = await app.call('GET', `/api/v1/accounts/${created[0].id}`, { as: admin.cookie });
    expect(read.json()).toMatchObject({ employees: 1, version: 1 });
  });
});
