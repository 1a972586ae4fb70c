import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;
let viewer: string;
let rep: string;
let outsider: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  viewer = (await app.addUser(admin, 'viewer')).cookie;
  rep = (await app.addUser(admin, 'rep')).cookie;
  outsider = (await app.signup('Elsewhere Ltd')).cookie;
});
afterAll(() => app.close());

type Rec = Record<string, unknown> & { id: string };
const create = async (object: string, body: Record<string, unknown>, as = admin) => {
  const response = await app.call('POST', `/api/v1/${object}`, { as, body });
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<Rec>();
};
const get = async (path: string, as = admin) => app.call('GET', `/api/v1${path}`, { as });
const post = async (path: string, body: unknown, as = admin) =>
  app.call('POST', `/api/v1${path}`, { as, body });
const problem = (response: { json: <T>() => T }) =>
  response.json<{ detail: string; errors?: { path: string; message: string }[] }>();
const audit = async () =>
  (await get('/privacy/audit?limit=200')).json<{
    data: {
      action: string;
      contactId: string | null;
      actorId: string | null;
      detail: Record<string, unknown>;
    }[];
  }>().data;

describe('consent', () => {
  it('keeps every change and answers the latest per channel, with source and time', async () => {
    const ada = await create('contacts', { firstName: 'Ada', lastName: 'Consent' });
    const given = await post(`/contacts/${ada.id}/consents`, {
      channel: 'email',
      status: 'granted',
      source: 'web form',
    });
    expect(given.status).toBe(201);
    await post(`/contacts/${ada.id}/consents`, { channel: 'sms', status: 'granted', source: 'import' }, rep);
    await post(`/contacts/${ada.id}/consents`, {
      channel: 'email',
      status: 'withdrawn',
      source: 'phone call',
    });
    const answer = (await get(`/contacts/${ada.id}/consents`, viewer)).json<{
      current: { channel: string; status: string; source: string; recordedAt: string }[];
      history: { channel: string; status: string }[];
    }>();
    expect(
      answer.current.map((c) => [c.channel, c.status, c.source]).sort((a, b) => a[0].localeCompare(b[0])),
    ).toEqual([
      ['email', 'withdrawn', 'phone call'],
      ['sms', 'granted', 'import'],
    ]);
    expect(answer.history.map((c) => `${c.channel}:${c.status}`)).toEqual([
      'email:withdrawn',
      'sms:granted',
      'email:granted',
    ]);
    expect(answer.current[0].recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const logged = (await audit()).filter((e) => e.contactId === ada.id && e.action === 'consent');
    expect(logged.map((e) => `${e.detail.channel}:${e.detail.status}:${e.detail.source}`)).toEqual([
      'email:withdrawn:phone call',
      'sms:granted:import',
      'email:granted:web form',
    ]);
  });

  it('refuses viewers, bad channels and missing sources, and hides other workspaces', async () => {
    const bob = await create('contacts', { firstName: 'Bob', lastName: 'Refused' });
    const asViewer = await post(
      `/contacts/${bob.id}/consents`,
      { channel: 'email', status: 'granted', source: 'web form' },
      viewer,
    );
    expect(asViewer.status).toBe(403);
    const fax = await post(`/contacts/${bob.id}/consents`, {
      channel: 'fax',
      status: 'granted',
      source: 'x',
    });
    expect(fax.status).toBe(400);
    expect(problem(fax).errors).toEqual([
      { path: 'channel', message: 'is not a channel; one of email, phone, sms, post, messaging' },
    ]);
    const noSource = await post(`/contacts/${bob.id}/consents`, { channel: 'post', status: 'granted' });
    expect(noSource.status).toBe(400);
    expect(problem(noSource).errors?.map((e) => e.path)).toEqual(['source']);
    expect((await get(`/contacts/${bob.id}/consents`, outsider)).status).toBe(404);
    expect(
      (
        await post(
          `/contacts/${bob.id}/consents`,
          { channel: 'email', status: 'granted', source: 'x' },
          outsider,
        )
      ).status,
    ).toBe(404);
    expect((await get(`/contacts/${bob.id}/consents`)).json()).toEqual({ current: [], history: [] });
  });
});

describe('subject access and erasure', () => {
  const ownerCounts = async () =>
    app.db.read((x) =>
      rows<{ owner: string; n: number }>(
        x,
        sql`SELECT owner_id AS owner, count(*)::int AS n FROM activities WHERE deleted_at IS NULL
          GROUP BY owner_id ORDER BY owner_id`,
      ),
    );

  it('exports everything held about a person, then erases it everywhere while counts stay', async () => {
    const account = await create('accounts', { name: 'Navy Labs' });
    const grace = await create('contacts', {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@navy.example',
      phone: '+44 7700 900123',
      title: 'Rear Admiral',
      notes: 'Keeps a clock that runs backwards',
      accountId: account.id,
    });
    const alan = await create('contacts', { firstName: 'Alan', lastName: 'Other' });
    await app.call('PATCH', `/api/v1/contacts/${grace.id}`, {
      as: admin,
      body: { title: 'Commodore', email: 'hopper@navy.example' },
    });
    const alone = await create(
      'activities',
      {
        type: 'call',
        subject: 'Call Grace about COBOL',
        body: 'Grace Hopper asked for the compiler manual',
        links: [{ object: 'contacts', id: grace.id }],
        participants: [{ contactId: grace.id, email: 'hopper@navy.example', name: 'Grace Hopper' }],
      },
      rep,
    );
    const shared = await create('activities', {
      type: 'meeting',
      subject: 'Workshop with Alan and the navy',
      links: [
        { object: 'contacts', id: grace.id },
        { object: 'contacts', id: alan.id },
      ],
      participants: [{ email: 'hopper@navy.example', name: 'Grace Hopper' }, { contactId: alan.id }],
    });
    await create('deals', {
      name: 'Compiler licence',
      accountId: account.id,
      amount: '5000.00',
      contacts: [{ contactId: grace.id, role: 'champion' }],
    });
    await post(`/contacts/${grace.id}/consents`, { channel: 'email', status: 'granted', source: 'web form' });

    expect((await get(`/contacts/${grace.id}/subject-access`, viewer)).status).toBe(403);
    expect((await get(`/contacts/${grace.id}/subject-access`, rep)).status).toBe(403);
    expect((await get(`/contacts/${grace.id}/subject-access`, outsider)).status).toBe(404);
    const exported = await get(`/contacts/${grace.id}/subject-access`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toBe(
      `attachment; filename="subject-access-${grace.id}.json"`,
    );
    const document = exported.json<{
      contact: Rec;
      history: { changes: { field: string; from: unknown; to: unknown }[] }[];
      activities: Rec[];
      dealRoles: Rec[];
      accountRelationships: { accountId: string }[];
      consents: { channel: string }[];
    }>();
    expect([document.contact.lastName, document.contact.email, document.contact.notes]).toEqual([
      'Hopper',
      'hopper@navy.example',
      'Keeps a clock that runs backwards',
    ]);
    expect(document.history[0].changes).toContainEqual({
      field: 'title',
      from: 'Rear Admiral',
      to: 'Commodore',
    });
    expect(document.activities.map((a) => a.id).sort()).toEqual([alone.id, shared.id].sort());
    expect(document.dealRoles.map((d) => d.name)).toEqual(['Compiler licence']);
    expect(document.accountRelationships.map((r) => r.accountId)).toEqual([account.id]);
    expect(document.consents.map((c) => c.channel)).toEqual(['email']);

    const before = await ownerCounts();
    expect((await post(`/contacts/${grace.id}/erase`, { confirm: 'Grace Hopper' }, viewer)).status).toBe(403);
    expect((await post(`/contacts/${grace.id}/erase`, { confirm: 'Grace Hopper' }, rep)).status).toBe(403);
    expect((await post(`/contacts/${grace.id}/erase`, {}, rep)).status).toBe(403);
    expect((await post(`/contacts/${grace.id}/erase`, { confirm: 'Grace Hopper' }, outsider)).status).toBe(
      404,
    );
    const missing = await post(`/contacts/${grace.id}/erase`, {});
    expect([missing.status, problem(missing).errors]).toEqual([
      400,
      [{ path: 'confirm', message: "type the contact's full name or id to confirm" }],
    ]);
    const wrong = await post(`/contacts/${grace.id}/erase`, { confirm: 'Grace Kelly' });
    expect([wrong.status, problem(wrong).detail, problem(wrong).errors]).toEqual([
      400,
      'The confirmation does not match this contact: nothing was erased',
      [{ path: 'confirm', message: "must be the contact's full name or its id" }],
    ]);
    expect((await get(`/contacts/${grace.id}`)).json<Rec>().lastName).toBe('Hopper');

    const erased = await post(`/contacts/${grace.id}/erase`, { confirm: '  grace   HOPPER ' });
    expect(erased.status).toBe(200);
    expect(erased.json()).toMatchObject({ contactId: grace.id, activitiesScrubbed: 1, activitiesShared: 1 });

    const contact = (await get(`/contacts/${grace.id}`)).json<Rec>();
    expect([
      contact.firstName,
      contact.lastName,
      contact.email,
      contact.phone,
      contact.title,
      contact.notes,
    ]).toEqual([null, 'Erased contact', null, null, null, null]);
    expect(contact.accountId).toBe(account.id);
    const leaks = /grace|hopper|navy\.example|admiral|commodore|clock|cobol|compiler manual/i;
    const history = (await get(`/contacts/${grace.id}/history?limit=100`)).body;
    expect(history).toContain('"field":"title"');
    expect(history).not.toMatch(leaks);
    const scrubbed = (await get(`/activities/${alone.id}`)).json<Rec>();
    expect([scrubbed.type, scrubbed.subject, scrubbed.body, scrubbed.occurredAt !== null]).toEqual([
      'call',
      null,
      null,
      true,
    ]);
    expect(JSON.stringify(scrubbed)).not.toMatch(leaks);
    expect((await get(`/activities/${alone.id}/history?limit=100`)).body).not.toMatch(leaks);
    const kept = (await get(`/activities/${shared.id}`)).json<Rec>();
    expect(kept.subject).toBe('Workshop with Alan and the navy');
    expect(kept.participants).toEqual([{ contactId: grace.id }, { contactId: alan.id }]);
    expect((await get(`/activities/${shared.id}/history?limit=100`)).body).not.toMatch(leaks);
    expect(await ownerCounts()).toEqual(before);
    const search = (await get('/search?q=Hopper&objects=contacts')).json<{ data: { id: string }[] }>();
    expect(search.data.map((h) => h.id)).not.toContain(grace.id);

    const consents = (await get(`/contacts/${grace.id}/consents`)).json<{
      current: { status: string; source: string }[];
      history: unknown[];
    }>();
    expect(consents.history).toHaveLength(5);
    expect(new Set(consents.current.map((c) => `${c.status}:${c.source}`))).toEqual(
      new Set(['withdrawn:erasure']),
    );
    expect((await post(`/contacts/${grace.id}/erase`, { confirm: grace.id })).status).toBe(409);

    const entries = (await audit()).filter((e) => e.contactId === grace.id);
    expect(entries.map((e) => e.action).filter((a) => a !== 'consent')).toEqual(['erase', 'export']);
    expect(JSON.stringify(entries)).not.toMatch(leaks);
  });
});

describe('retention', () => {
  it('lists contacts untouched for the period, flags them daily, erases them when asked, and logs it', async () => {
    expect((await get('/privacy/settings', viewer)).status).toBe(403);
    expect(
      (await app.call('PATCH', '/api/v1/privacy/settings', { as: rep, body: { retentionYears: 2 } })).status,
    ).toBe(403);
    expect((await get('/privacy/retention')).json()).toEqual({
      retentionYears: null,
      data: [],
      nextCursor: null,
    });
    const bad = await app.call('PATCH', '/api/v1/privacy/settings', {
      as: admin,
      body: { retentionYears: 0 },
    });
    expect([bad.status, problem(bad).errors?.map((e) => e.path)]).toEqual([400, ['retentionYears']]);
    const set = await app.call('PATCH', '/api/v1/privacy/settings', {
      as: admin,
      body: { retentionYears: 2 },
    });
    expect(set.json()).toEqual({ retentionYears: 2, retentionAction: 'flag' });

    const old = await create('contacts', { firstName: 'Olive', lastName: 'Old' });
    const busy = await create('contacts', { firstName: 'Bert', lastName: 'Busy' });
    const recent = await create('contacts', { firstName: 'Rita', lastName: 'Recent' });
    await create('activities', {
      type: 'note',
      subject: 'Spoke today',
      links: [{ object: 'contacts', id: busy.id }],
    });
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE contacts SET updated_at = now() - interval '3 years'
        WHERE id IN (${old.id}::uuid, ${busy.id}::uuid)`),
    );
    const listed = (await get('/privacy/retention')).json<{
      data: { contactId: string; name: string; flaggedAt: string | null }[];
    }>();
    expect(listed.data.map((c) => [c.contactId, c.name, c.flaggedAt])).toEqual([[old.id, 'Olive Old', null]]);
    expect(listed.data.map((c) => c.contactId)).not.toContain(recent.id);

    expect((await post('/privacy/retention/run', {})).json()).toEqual({ flagged: 1, erased: 0 });
    expect((await post('/privacy/retention/run', {})).json()).toEqual({ flagged: 0, erased: 0 });
    const flagged = (await get('/privacy/retention')).json<{ data: { flaggedAt: string | null }[] }>();
    expect(flagged.data[0].flaggedAt).toMatch(/^\d{4}-/);
    expect((await get(`/contacts/${old.id}`)).json<Rec>().lastName).toBe('Old');

    await app.call('PATCH', '/api/v1/privacy/settings', { as: admin, body: { retentionAction: 'erase' } });
    expect((await post('/privacy/retention/run', {})).json()).toEqual({ flagged: 0, erased: 1 });
    expect((await get(`/contacts/${old.id}`)).json<Rec>().lastName).toBe('Erased contact');
    expect((await get('/privacy/retention')).json<{ data: unknown[] }>().data).toEqual([]);

    const entries = await audit();
    expect(entries.filter((e) => e.contactId === old.id).map((e) => [e.action, e.actorId])).toEqual([
      ['erase', null],
      ['retention', null],
    ]);
    expect(entries.filter((e) => e.action === 'retention' && e.contactId === null)).toHaveLength(2);
  });

  it('pages the audit log newest first and refuses it to everyone but admins', async () => {
    expect((await get('/privacy/audit', rep)).status).toBe(403);
    const first = (await get('/privacy/audit?limit=1')).json<{
      data: { id: string }[];
      nextCursor: string;
    }>();
    const second = (await get(`/privacy/audit?limit=1&cursor=${first.nextCursor}`)).json<{
      data: { id: string }[];
    }>();
    expect(first.data).toHaveLength(1);
    expect(second.data[0].id < first.data[0].id).toBe(true);
    expect((await get('/privacy/audit?cursor=nonsense')).status).toBe(400);
  });
});
