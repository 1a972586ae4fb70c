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
      { name: 'contact photos', count: 0 },
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

  it("moves the merged records' activities and tasks to the survivor's timeline, and undo moves them back", async () => {
    const survivor = await create('accounts', { name: 'Talks Home' });
    const twin = await create('accounts', { name: 'Talks Twin' });
    const person = await create('contacts', { firstName: 'Tia', lastName: 'Talks', accountId: survivor.id });
    const personTwin = await create('contacts', { firstName: 'Tia', lastName: 'Talkes', accountId: twin.id });
    const call = await create('activities', {
      type: 'call',
      subject: 'Called the twin',
      occurredAt: '2026-11-02T10:00:00Z',
      links: [
        { object: 'accounts', id: twin.id },
        { object: 'contacts', id: personTwin.id },
      ],
    });
    const task = await create('activities', {
      type: 'task',
      subject: 'Send the twin a proposal',
      dueAt: '2026-12-20T09:00:00Z',
      links: [{ object: 'contacts', id: personTwin.id }],
    });
    const subjects = async (object: string, id: string) =>
      (await app.call('GET', `/api/v1/${object}/${id}/timeline?types=call,task`, { as: admin }))
        .json<{ data: { title: string }[] }>()
        .data.map((e) => e.title)
        .sort();
    const links = async (id: string) =>
      (await app.call('GET', `/api/v1/activities/${id}`, { as: admin }))
        .json<{ links: { object: string; id: string }[] }>()
        .links.map((l) => `${l.object}:${l.id}`)
        .sort();

    const accounts = await app.call('POST', '/api/v1/accounts/merge', {
      as: admin,
      body: { survivorId: survivor.id, mergedIds: [twin.id] },
    });
    expect(accounts.status, accounts.body).toBe(200);
    const contacts = await app.call('POST', '/api/v1/contacts/merge', {
      as: admin,
      body: { survivorId: person.id, mergedIds: [personTwin.id] },
    });
    expect(contacts.status, contacts.body).toBe(200);
    expect(await links(call.id)).toEqual([`accounts:${survivor.id}`, `contacts:${person.id}`].sort());
    expect(await links(task.id)).toEqual([`contacts:${person.id}`]);
    expect(await subjects('contacts', person.id)).toEqual(['Called the twin', 'Send the twin a proposal']);
    expect(await subjects('accounts', survivor.id)).toEqual(['Called the twin', 'Send the twin a proposal']);

    for (const merged of [contacts, accounts]) {
      const undo = await app.call(
        'POST',
        `/api/v1/merges/${merged.json<{ mergeId: string }>().mergeId}/undo`,
        {
          as: admin,
        },
      );
      expect(undo.status, undo.body).toBe(200);
    }
    expect(await links(call.id)).toEqual([`accounts:${twin.id}`, `contacts:${personTwin.id}`].sort());
    expect(await links(task.id)).toEqual([`contacts:${personTwin.id}`]);
    expect(await subjects('accounts', survivor.id)).toEqual([]);
    expect(await subjects('accounts', twin.id)).toEqual(['Called the twin', 'Send the twin a proposal']);
  });
});
