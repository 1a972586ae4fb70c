import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ReportAnswer } from '../contract';

/** Reports over activities grouped by the contacts and accounts they are linked to (`links.contacts`). */
let app: TestApp;
let admin: { cookie: string; userId: string };
let rep: { cookie: string; userId: string };
const ids: Record<string, string> = {};

const run = (body: unknown, as = admin.cookie) =>
  app.call('POST', '/api/v1/insights/reports/run', { as, body });
const subjects = async (filter: unknown, as = admin.cookie) => {
  const found = await app.call('POST', '/api/v1/activities/query', { as, body: { filter, sort: 'subject' } });
  expect(found.status, found.body).toBe(200);
  return found.json<{ data: { subject: string }[] }>().data.map((a) => a.subject);
};
const create = async (object: string, body: Record<string, unknown>) => {
  const created = await app.call('POST', `/api/v1/${object}`, { as: admin.cookie, body });
  expect(created.status, created.body).toBe(201);
  return created.json<{ id: string }>().id;
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  // The rep sees only the contacts they own; every activity is visible to everyone (the default).
  await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
    as: admin.cookie,
    body: { visibility: 'owner' },
  });
  ids.acme = await create('accounts', { name: 'Acme' });
  // Created in this order, so their ids (UUIDv7) sort Avery, Blake, Casey.
  ids.avery = await create('contacts', { lastName: 'Avery' });
  ids.blake = await create('contacts', { lastName: 'Blake', ownerId: rep.userId });
  ids.casey = await create('contacts', { lastName: 'Casey' });
  const link = (object: string, id: string) => ({ object, id });
  const activities = [
    { subject: 'A1', type: 'call', links: [link('contacts', ids.avery), link('accounts', ids.acme)] },
    { subject: 'A2', type: 'call', links: [link('contacts', ids.avery), link('contacts', ids.blake)] },
    { subject: 'A3', type: 'note', links: [link('contacts', ids.blake)] },
    { subject: 'A4', type: 'note', links: [link('accounts', ids.acme)] },
    { subject: 'A5', type: 'call', links: [] },
    { subject: 'A6', type: 'call', links: [link('contacts', ids.casey)] },
  ];
  for (const activity of activities) await create('activities', activity);
});
afterAll(() => app.close());

const byContact = { object: 'activities', groupBy: ['links.contacts'], measures: [{ fn: 'count' }] };

describe('reports over activities by the records they are linked to', () => {
  it('counts activities per linked contact, named, with the unlinked ones in the empty group', async () => {
    const answer = await run(byContact);
    expect(answer.status, answer.body).toBe(200);
    const { data, labels } = answer.json<ReportAnswer>();
    // Avery: A1, A2; Blake: A2, A3; Casey: A6; no contact: A4, A5. A2 counts for both of its contacts.
    expect(data.map((r) => [r.group, r.values])).toEqual([
      [{ 'links.contacts': ids.avery }, [2]],
      [{ 'links.contacts': ids.blake }, [2]],
      [{ 'links.contacts': ids.casey }, [1]],
      [{ 'links.contacts': null }, [2]],
    ]);
    expect(labels.columns).toEqual(['Related to › Contact', 'Count']);
    expect(labels.values['links.contacts']).toEqual({
      [ids.avery]: 'Avery',
      [ids.blake]: 'Blake',
      [ids.casey]: 'Casey',
    });
  });

  it('drills down from a figure to the activities behind it, the empty group included', async () => {
    const { data } = (await run(byContact)).json<ReportAnswer>();
    expect(await subjects(data[0].drill)).toEqual(['A1', 'A2']);
    expect(await subjects(data[1].drill)).toEqual(['A2', 'A3']);
    expect(await subjects(data[3].drill)).toEqual(['A4', 'A5']);
  });

  it('groups by linked account, then by type', async () => {
    const answer = await run({
      object: 'activities',
      groupBy: ['links.accounts', 'type'],
      measures: [{ fn: 'count' }],
    });
    expect(answer.status, answer.body).toBe(200);
    const { data, labels } = answer.json<ReportAnswer>();
    // Acme: A1 (call), A4 (note); no account: A2, A5, A6 (calls), A3 (note).
    expect(data.map((r) => [r.group, r.values])).toEqual([
      [{ 'links.accounts': ids.acme, type: 'call' }, [1]],
      [{ 'links.accounts': ids.acme, type: 'note' }, [1]],
      [{ 'links.accounts': null, type: 'call' }, [3]],
      [{ 'links.accounts': null, type: 'note' }, [1]],
    ]);
    expect(labels.columns).toEqual(['Related to › Account', 'Type', 'Count']);
    expect(labels.values['links.accounts']).toEqual({ [ids.acme]: 'Acme' });
    expect(await subjects(data[2].drill)).toEqual(['A2', 'A5', 'A6']);
  });

  it('shows a rep only the contacts they may see: the others are neither groups nor names', async () => {
    const answer = await run(byContact, rep.cookie);
    expect(answer.status, answer.body).toBe(200);
    const { data, labels } = answer.json<ReportAnswer>();
    // Blake is the rep's: A2, A3. Avery's and Casey's activities (A1, A6) join A4 and A5 without a contact.
    expect(data.map((r) => [r.group, r.values])).toEqual([
      [{ 'links.contacts': ids.blake }, [2]],
      [{ 'links.contacts': null }, [4]],
    ]);
    expect(labels.values['links.contacts']).toEqual({ [ids.blake]: 'Blake' });
    expect(answer.body).not.toContain('Avery');
    expect(answer.body).not.toContain('Casey');
    expect(answer.body).not.toContain(ids.avery);
    expect(await subjects(data[1].drill, rep.cookie)).toEqual(['A1', 'A4', 'A5', 'A6']);
    // Asking for a hidden contact's activities finds none.
    expect(await subjects({ field: 'links.contacts', op: 'eq', value: ids.avery }, rep.cookie)).toEqual([]);
  });

  it('refuses a bucket, a bad id, another operator and an unknown object by path', async () => {
    const bucket = await run({
      ...byContact,
      groupBy: [{ field: 'links.contacts', bucket: 'month' }],
      range: { field: 'occurredAt', from: '2026-01-01', to: '2026-12-31' },
    });
    expect(bucket.status).toBe(400);
    expect(bucket.json<{ errors: unknown[] }>().errors).toEqual([
      {
        path: 'groupBy.0.bucket',
        message: 'links.contacts is not a date; only dates and datetimes have buckets',
      },
    ]);
    const unknown = await run({ ...byContact, groupBy: ['links.planets'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'groupBy.0', message: 'unknown field "links.planets"' },
    ]);
    const query = (filter: unknown) =>
      app.call('POST', '/api/v1/activities/query', { as: admin.cookie, body: { filter } });
    const badId = await query({ field: 'links.contacts', op: 'eq', value: 'Avery' });
    expect(badId.status).toBe(400);
    expect(badId.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'filter', message: 'links.contacts takes a record id (UUID)' },
    ]);
    const badOp = await query({ field: 'links.contacts', op: 'gt', value: ids.avery });
    expect(badOp.status).toBe(400);
    expect(badOp.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'filter', message: 'links.contacts takes eq (a record id) or isNull' },
    ]);
  });
});
