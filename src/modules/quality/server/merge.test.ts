import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Rec = Record<string, unknown> & { id: string };
const create = async (object: string, body: Record<string, unknown>) => {
  const response = await app.call('POST', `/api/v1/${object}`, { as: admin, body });
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<Rec>();
};
const get = async (object: string, id: string) =>
  (await app.call('GET', `/api/v1/${object}/${id}`, { as: admin })).json<Rec>();
const status = async (object: string, id: string) =>
  (await app.call('GET', `/api/v1/${object}/${id}`, { as: admin })).status;

describe('merging accounts', () => {
  it('moves contacts, deals and child accounts to the survivor, takes chosen values, and undo puts every one back', async () => {
    const survivor = await create('accounts', { name: 'Merge Corp', industry: 'Retail', employees: 10 });
    const twin = await create('accounts', {
      name: 'Merge Corporation',
      domain: 'merge.example',
      employees: 250,
    });
    const third = await create('accounts', { name: 'MergeCo' });
    const child = await create('accounts', { name: 'Merge Child', parentAccountId: twin.id });
    const c1 = await create('contacts', { firstName: 'On', lastName: 'Twin', accountId: twin.id });
    const c2 = await create('contacts', { firstName: 'On', lastName: 'Third', accountId: third.id });
    const c0 = await create('contacts', { firstName: 'On', lastName: 'Survivor', accountId: survivor.id });
    const deal = await create('deals', { name: 'Twin deal', accountId: twin.id, amount: '1000.00' });

    const merged = await app.call('POST', '/api/v1/accounts/merge', {
      as: admin,
      body: {
        survivorId: survivor.id,
        mergedIds: [twin.id, third.id],
        values: { domain: 'merge.example', employees: 250 },
      },
    });
    expect(merged.status).toBe(200);
    const { mergeId, record } = merged.json<{ mergeId: string; record: Rec }>();
    expect([record.id, record.name, record.domain, record.employees, record.industry]).toEqual([
      survivor.id,
      'Merge Corp',
      'merge.example',
      250,
      'Retail',
    ]);
    expect([await status('accounts', twin.id), await status('accounts', third.id)]).toEqual([404, 404]);
    expect((await get('contacts', c1.id)).accountId).toBe(survivor.id);
    expect((await get('contacts', c2.id)).accountId).toBe(survivor.id);
    expect((await get('contacts', c0.id)).accountId).toBe(survivor.id);
    expect((await get('deals', deal.id)).accountId).toBe(survivor.id);
    expect((await get('accounts', child.id)).parentAccountId).toBe(survivor.id);
    const history = (await app.call('GET', `/api/v1/contacts/${c1.id}/history`, { as: admin })).json<{
      data: { source: string; changes: { field: string; from: unknown; to: unknown }[] }[];
    }>().data;
    expect(history[0]).toMatchObject({
      source: 'merge',
      changes: [{ field: 'accountId', from: twin.id, to: survivor.id }],
    });
    const state = (await app.call('GET', `/api/v1/merges/${mergeId}`, { as: admin })).json();
    expect(state).toMatchObject({
      survivorId: survivor.id,
      mergedIds: [twin.id, third.id],
      undone: false,
      moved: [
        { object: 'accounts', field: 'parentAccountId', count: 1 },
        { object: 'contacts', field: 'accountId', count: 2 },
        { object: 'deals', field: 'accountId', count: 1 },
      ],
    });

    const undone = await app.call('POST', `/api/v1/merges/${mergeId}/undo`, { as: admin });
    expect(undone.status).toBe(200);
    expect(undone.json()).toMatchObject({ undone: true });
    expect([await status('accounts', twin.id), await status('accounts', third.id)]).toEqual([200, 200]);
    expect((await get('contacts', c1.id)).accountId).toBe(twin.id);
    expect((await get('contacts', c2.id)).accountId).toBe(third.id);
    expect((await get('contacts', c0.id)).accountId).toBe(survivor.id);
    expect((await get('deals', deal.id)).accountId).toBe(twin.id);
    expect((await get('accounts', child.id)).parentAccountId).toBe(twin.id);
    const back = await get('accounts', survivor.id);
    expect([back.domain, back.employees, back.industry]).toEqual([null, 10, 'Retail']);
    expect((await app.call('POST', `/api/v1/merges/${mergeId}/undo`, { as: admin })).status).toBe(409);
  });

  it('refuses a bad merge and changes nothing', async () => {
    const a = await create('accounts', { name: 'Bad Merge A' });
    const b = await create('contacts', { lastName: 'Not an account' });
    const self = await app.call('POST', '/api/v1/accounts/merge', {
      as: admin,
      body: { survivorId: a.id, mergedIds: [a.id] },
    });
    expect(self.status).toBe(400);
    const other = await app.call('POST', '/api/v1/accounts/merge', {
      as: admin,
      body: { survivorId: a.id, mergedIds: [b.id] },
    });
    expect(other.status).toBe(404);
    const badValue = await app.call('POST', '/api/v1/accounts/merge', {
      as: admin,
      body: {
        survivorId: a.id,
        mergedIds: [(await create('accounts', { name: 'Bad Merge B' })).id],
        values: { employees: 'many' },
      },
    });
    expect(badValue.status).toBe(400);
    expect(await status('accounts', a.id)).toBe(200);
    const viewer = await app.addUser(admin, 'viewer');
    expect(
      (
        await app.call('POST', '/api/v1/accounts/merge', {
          as: viewer.cookie,
          body: { survivorId: a.id, mergedIds: [b.id] },
        })
      ).status,
    ).toBe(403);
  });
});

describe('merging custom objects', () => {
  it('moves records whose custom reference fields point at the merged records, and undo moves them back', async () => {
    const made = await app.call('POST', '/api/v1/metadata/objects', {
      as: admin,
      body: { name: 'projects', label: 'Project', labelPlural: 'Projects' },
    });
    expect(made.status).toBe(201);
    const field = await app.call('POST', '/api/v1/metadata/objects/contacts/fields', {
      as: admin,
      body: { name: 'projectId', label: 'Project', type: 'reference', reference: 'projects' },
    });
    expect(field.status).toBe(201);
    const keep = await create('projects', { name: 'Apollo' });
    const gone = await create('projects', { name: 'Apollo 2' });
    const worker = await create('contacts', { lastName: 'Worker', projectId: gone.id });
    const merged = await app.call('POST', '/api/v1/projects/merge', {
      as: admin,
      body: { survivorId: keep.id, mergedIds: [gone.id] },
    });
    expect(merged.status).toBe(200);
    expect((await get('contacts', worker.id)).projectId).toBe(keep.id);
    await app.call('POST', `/api/v1/merges/${merged.json<{ mergeId: string }>().mergeId}/undo`, {
      as: admin,
    });
    expect((await get('contacts', worker.id)).projectId).toBe(gone.id);
    expect(await status('projects', gone.id)).toBe(200);
  });
});
