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
const relationships = async (contactId: string) =>
  (await app.call('GET', `/api/v1/contacts/${contactId}/accounts`, { as: admin }))
    .json<{ data: { accountName: string; role: string | null; isPrimary: boolean }[] }>()
    .data.map((r) => [r.accountName, r.role, r.isPrimary])
    .sort();
const dealContacts = async (id: string) =>
  (await app.call('GET', `/api/v1/deals/${id}`, { as: admin })).json<{ contacts: unknown[] }>().contacts;

describe("a merge moves other modules' rows", () => {
  it("moves a merged contact's account relationships and deal roles to the survivor, and undo puts them back", async () => {
    const home = await create('accounts', { name: 'Rows Home' });
    const partner = await create('accounts', { name: 'Rows Partner' });
    const survivor = await create('contacts', { firstName: 'Rhea', lastName: 'Rows', accountId: home.id });
    const twin = await create('contacts', { firstName: 'Rhea', lastName: 'Rowes', accountId: partner.id });
    const related = await app.call('POST', `/api/v1/contacts/${twin.id}/accounts`, {
      as: admin,
      body: { accountId: home.id, role: 'Advisor' },
    });
    expect(related.status).toBe(201);
    const both = await create('deals', {
      name: 'Both',
      contacts: [
        { contactId: survivor.id, role: 'champion' },
        { contactId: twin.id, role: 'decisionMaker' },
      ],
    });
    const twinOnly = await create('deals', {
      name: 'Twin only',
      contacts: [{ contactId: twin.id, role: 'user' }],
    });

    const merged = await app.call('POST', '/api/v1/contacts/merge', {
      as: admin,
      body: { survivorId: survivor.id, mergedIds: [twin.id] },
    });
    expect(merged.status).toBe(200);
    const mergeId = merged.json<{ mergeId: string }>().mergeId;
    expect(await relationships(survivor.id)).toEqual([
      ['Rows Home', null, true],
      ['Rows Home', 'Advisor', false],
      ['Rows Partner', null, false],
    ]);
    expect(await dealContacts(both.id)).toEqual([{ contactId: survivor.id, role: 'champion' }]);
    expect(await dealContacts(twinOnly.id)).toEqual([{ contactId: survivor.id, role: 'user' }]);
    const state = (await app.call('GET', `/api/v1/merges/${mergeId}`, { as: admin })).json<{
      movedRows: { name: string; count: number }[];
    }>();
    expect(state.movedRows).toEqual([
      { name: 'account relationships', count: 2 },
      { name: 'deal contact roles', count: 2 },
      { name: 'email bounces', count: 0 },
    ]);
    const history = (await app.call('GET', `/api/v1/deals/${twinOnly.id}/history`, { as: admin })).json<{
      data: { source: string }[];
    }>().data;
    expect(history.map((h) => h.source)).toEqual(['merge', 'app']);

    expect((await app.call('POST', `/api/v1/merges/${mergeId}/undo`, { as: admin })).status).toBe(200);
    expect(await relationships(twin.id)).toEqual([
      ['Rows Home', 'Advisor', false],
      ['Rows Partner', null, true],
    ]);
    expect(await relationships(survivor.id)).toEqual([['Rows Home', null, true]]);
    expect(await dealContacts(both.id)).toEqual([
      { contactId: survivor.id, role: 'champion' },
      { contactId: twin.id, role: 'decisionMaker' },
    ]);
    expect(await dealContacts(twinOnly.id)).toEqual([{ contactId: twin.id, role: 'user' }]);
  });
});
