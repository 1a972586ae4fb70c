import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string };

type Json = Record<string, unknown> & { id: string; version: number };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

async function post(url: string, body: unknown, status = 201): Promise<Json> {
  const response = await app.call('POST', url, { as: admin.cookie, body });
  expect(response.status, response.body).toBe(status);
  return response.json<Json>();
}
async function get<T = Json>(url: string): Promise<T> {
  const response = await app.call('GET', url, { as: admin.cookie });
  expect(response.status, response.body).toBe(200);
  return response.json<T>();
}
const searchIds = async (q: string, objects = 'contacts') =>
  (
    await get<{ data: { id: string; object: string }[] }>(
      `/api/v1/search?q=${encodeURIComponent(q)}&objects=${objects}`,
    )
  ).data.map((h) => h.id);

describe('contact fields', () => {
  it('lowercases and validates emails', async () => {
    const contact = await post('/api/v1/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: '  Ada.Lovelace@Example.COM ',
      emails: ['ADA@Analytical.Engine.org', 'a.l@example.co.uk'],
    });
    expect(contact.email).toBe('ada.lovelace@example.com');
    expect(contact.emails).toEqual(['ada@analytical.engine.org', 'a.l@example.co.uk']);
    const bad = await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: { lastName: 'X', email: 'ada@', emails: ['ok@example.com', 'nope'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'email', message: 'is not a valid email address' },
      { path: 'emails.1', message: 'is not a valid email address' },
    ]);
    const found = await app.call('GET', '/api/v1/contacts?filter[email][eq]=ada.lovelace@example.com', {
      as: admin.cookie,
    });
    expect(found.json<{ data: Json[] }>().data.map((c) => c.id)).toEqual([contact.id]);
  });

  it('requires a first or a last name', async () => {
    const response = await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body: { title: 'CTO' } });
    expect(response.status).toBe(400);
    expect(response.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'lastName', message: 'give a first name or a last name' },
    ]);
    expect((await post('/api/v1/contacts', { firstName: 'Cher' })).lastName).toBeNull();
  });

  it('stores phones in E.164 with the workspace default country and finds them in any format', async () => {
    const grace = await post('/api/v1/contacts', {
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '(415) 555-0100',
      phones: ['415.555.0199', '+44 20 7946 0958'],
    });
    expect(grace.phone).toBe('+14155550100');
    expect(grace.phones).toEqual(['+14155550199', '+442079460958']);
    for (const q of [
      '(415) 555-0100',
      '+1 415 555 0100',
      '4155550100',
      '415-555-0100',
      '+442079460958',
      '020 7946 0958',
    ])
      expect(await searchIds(q), q).toContain(grace.id);
    expect(await searchIds('(415) 555-0100', 'accounts,contacts')).toEqual([grace.id]);

    const bad = await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: { lastName: 'X', phone: '12' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['phone']);

    const settings = await app.call('PATCH', '/api/v1/workspace', {
      as: admin.cookie,
      body: { defaultCountry: 'FR' },
    });
    expect(settings.status, settings.body).toBe(200);
    const marie = await post('/api/v1/contacts', {
      firstName: 'Marie',
      lastName: 'Curie',
      phone: '01 42 68 53 00',
    });
    expect(marie.phone).toBe('+33142685300');
    expect(await searchIds('01 42 68 53 00')).toEqual([marie.id]);
    await app.call('PATCH', '/api/v1/workspace', { as: admin.cookie, body: { defaultCountry: 'US' } });
  });

  it('finds contacts by name, email and small typos', async () => {
    const alan = await post('/api/v1/contacts', {
      firstName: 'Alan',
      lastName: 'Turingworth',
      email: 'alan@bletchley.example',
    });
    expect(await searchIds('Turingworth')).toEqual([alan.id]);
    expect(await searchIds('Turingwort')).toEqual([alan.id]);
    expect(await searchIds('Turnigworth')).toContain(alan.id);
    expect(await searchIds('alan@bletchley.example')).toEqual([alan.id]);
    expect(await searchIds('zzzqqq')).toEqual([]);
  });
});

describe('contacts and accounts', () => {
  it('relates a contact to several accounts with roles, one primary, and keeps a changed primary as past', async () => {
    const acme = await post('/api/v1/accounts', { name: 'Acme' });
    const globex = await post('/api/v1/accounts', { name: 'Globex' });
    const initech = await post('/api/v1/accounts', { name: 'Initech' });
    const bob = await post('/api/v1/contacts', { firstName: 'Bob', lastName: 'Builder', accountId: acme.id });

    const related = await post(`/api/v1/contacts/${bob.id}/accounts`, {
      accountId: globex.id,
      role: 'Advisor',
    });
    expect(
      (related.data as { accountName: string; role: string | null; isPrimary: boolean; endedAt: null }[]).map(
        (r) => [r.accountName, r.role, r.isPrimary, r.endedAt],
      ),
    ).toEqual([
      ['Acme', null, true, null],
      ['Globex', 'Advisor', false, null],
    ]);

    // Changing accountId: Acme becomes a past relationship, Initech the current primary.
    const moved = await app.call('PATCH', `/api/v1/contacts/${bob.id}`, {
      as: admin.cookie,
      body: { accountId: initech.id },
      headers: { 'if-match': `"${bob.version}"` },
    });
    expect(moved.status, moved.body).toBe(200);
    const acmePeople = (
      await get<{ data: Record<string, unknown>[] }>(`/api/v1/accounts/${acme.id}/contacts`)
    ).data;
    expect(acmePeople).toHaveLength(1);
    expect(acmePeople[0]).toMatchObject({ contactId: bob.id, isPrimary: false, lastName: 'Builder' });
    expect(typeof acmePeople[0].endedAt).toBe('string');
    const initechPeople = (
      await get<{ data: Record<string, unknown>[] }>(`/api/v1/accounts/${initech.id}/contacts`)
    ).data;
    // Bob also advises Globex: on Initech's page his main company is worth saying.
    expect(initechPeople).toMatchObject([
      { contactId: bob.id, isPrimary: true, endedAt: null, otherCompanies: 1 },
    ]);
    const withContacts = await get<{ name: string; contacts: Record<string, unknown>[] }>(
      `/api/v1/accounts/${acme.id}?include=contacts`,
    );
    expect(withContacts.name).toBe('Acme');
    expect(withContacts.contacts).toEqual(acmePeople);

    const mine = (
      await get<{ data: { accountName: string; isPrimary: boolean; endedAt: string | null }[] }>(
        `/api/v1/contacts/${bob.id}/accounts`,
      )
    ).data;
    expect(mine.map((r) => [r.accountName, r.isPrimary, r.endedAt === null])).toEqual([
      ['Initech', true, true],
      ['Globex', false, true],
      ['Acme', false, false],
    ]);

    // Making Globex primary through the relationship endpoint sets accountId too.
    await post(`/api/v1/contacts/${bob.id}/accounts`, {
      accountId: globex.id,
      role: 'Buyer',
      isPrimary: true,
    });
    const after = await get(`/api/v1/contacts/${bob.id}`);
    expect(after.accountId).toBe(globex.id);
    const history = await get<{ data: { changes: { field: string; from: unknown; to: unknown }[] }[] }>(
      `/api/v1/contacts/${bob.id}/history`,
    );
    expect(history.data[0].changes).toEqual([{ field: 'accountId', from: initech.id, to: globex.id }]);
    expect(history.data[1].changes).toEqual([{ field: 'accountId', from: acme.id, to: initech.id }]);
  });

  it('keeps standalone contacts without any account', async () => {
    const solo = await post('/api/v1/contacts', { firstName: 'Solo', lastName: 'Freelancer' });
    expect(solo.accountId).toBeNull();
    expect((await get<{ data: unknown[] }>(`/api/v1/contacts/${solo.id}/accounts`)).data).toEqual([]);
    const listed = await get<{ data: Json[] }>(
      '/api/v1/contacts?filter[accountId][isNull]=true&filter[lastName][eq]=Freelancer',
    );
    expect(listed.data.map((c) => c.id)).toEqual([solo.id]);
    const missing = await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: { lastName: 'Ghost', accountId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(missing.status).toBe(400);
    expect(missing.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['accountId']);
  });
});

describe('custom fields and objects', () => {
  it('adds contact fields usable at once in create, filter, sort and search', async () => {
    for (const field of [
      { name: 'shoeSize', label: 'Shoe size', type: 'integer' },
      { name: 'nickname', label: 'Nickname', type: 'text' },
      { name: 'vip', label: 'VIP', type: 'boolean' },
      {
        name: 'tier',
        label: 'Tier',
        type: 'select',
        options: [
          { value: 'gold', label: 'Gold' },
          { value: 'silver', label: 'Silver' },
        ],
      },
    ]) {
      const added = await app.call('POST', '/api/v1/metadata/objects/contacts/fields', {
        as: admin.cookie,
        body: field,
      });
      expect(added.status, added.body).toBe(201);
    }
    const people = [
      { lastName: 'Custom A', shoeSize: 44, nickname: 'Zebrafish', vip: true, tier: 'gold' },
      { lastName: 'Custom B', shoeSize: 38, nickname: 'Quokka', vip: false, tier: 'silver' },
      { lastName: 'Custom C', shoeSize: 41, vip: true },
    ];
    const bulk = await app.call('POST', '/api/v1/contacts/bulk', {
      as: admin.cookie,
      body: { create: people },
    });
    expect(bulk.status, bulk.body).toBe(200);
    const created = bulk.json<{ created: Json[] }>().created;
    expect(created.map((c) => [c.shoeSize, c.nickname ?? null, c.vip, c.tier ?? null])).toEqual([
      [44, 'Zebrafish', true, 'gold'],
      [38, 'Quokka', false, 'silver'],
      [41, null, true, null],
    ]);
    const query = await app.call('POST', '/api/v1/contacts/query', {
      as: admin.cookie,
      body: {
        filter: {
          and: [
            { field: 'shoeSize', op: 'gte', value: 40 },
            { field: 'vip', op: 'eq', value: true },
          ],
        },
        sort: '-shoeSize',
      },
    });
    expect(query.json<{ data: Json[] }>().data.map((c) => c.lastName)).toEqual(['Custom A', 'Custom C']);
    const sorted = await get<{ data: Json[] }>(
      '/api/v1/contacts?filter[lastName][startsWith]=custom&sort=shoeSize',
    );
    expect(sorted.data.map((c) => c.lastName)).toEqual(['Custom B', 'Custom C', 'Custom A']);
    const byTier = await get<{ data: Json[] }>('/api/v1/contacts?filter[tier][in]=gold,silver&sort=-tier');
    expect(byTier.data.map((c) => c.lastName)).toEqual(['Custom B', 'Custom A']);
    expect(await searchIds('Zebrafish')).toEqual([created[0].id]);
    const wrong = await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: { lastName: 'W', shoeSize: 'big', tier: 'bronze' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'shoeSize',
      'tier',
    ]);
    const meta = await get<{ data: { name: string; fields: { name: string; custom: boolean }[] }[] }>(
      '/api/v1/metadata/objects',
    );
    const contactFields = meta.data.find((o) => o.name === 'contacts')?.fields ?? [];
    expect(contactFields.filter((f) => f.custom).map((f) => f.name)).toEqual([
      'shoeSize',
      'nickname',
      'vip',
      'tier',
    ]);
  });

  it('serves a custom object with every record endpoint', async () => {
    const made = await app.call('POST', '/api/v1/metadata/objects', {
      as: admin.cookie,
      body: {
        name: 'vehicles',
        label: 'Vehicle',
        labelPlural: 'Vehicles',
        fields: [
          { name: 'plate', label: 'Plate', type: 'text' },
          { name: 'seats', label: 'Seats', type: 'integer' },
          { name: 'boughtOn', label: 'Bought on', type: 'date' },
        ],
      },
    });
    expect(made.status, made.body).toBe(201);
    const van = await post('/api/v1/vehicles', {
      name: 'Delivery van',
      plate: 'AB-123-CD',
      seats: 3,
      boughtOn: '2025-06-01',
    });
    expect(van).toMatchObject({
      name: 'Delivery van',
      plate: 'AB-123-CD',
      seats: 3,
      boughtOn: '2025-06-01',
      version: 1,
    });
    expect((await get(`/api/v1/vehicles/${van.id}`)).plate).toBe('AB-123-CD');

    const bulk = await app.call('POST', '/api/v1/vehicles/bulk', {
      as: admin.cookie,
      body: {
        create: [
          { name: 'Bus', seats: 50 },
          { name: 'Bike', seats: 1 },
        ],
      },
    });
    expect(bulk.status).toBe(200);
    const [bus, bike] = bulk.json<{ created: Json[] }>().created;

    const list = await get<{ data: Json[]; nextCursor: string | null }>(
      '/api/v1/vehicles?sort=-seats&limit=2',
    );
    expect(list.data.map((v) => v.name)).toEqual(['Bus', 'Delivery van']);
    const rest = await get<{ data: Json[]; nextCursor: string | null }>(
      `/api/v1/vehicles?sort=-seats&limit=2&cursor=${list.nextCursor}`,
    );
    expect(rest.data.map((v) => v.name)).toEqual(['Bike']);
    expect(rest.nextCursor).toBeNull();
    const query = await app.call('POST', '/api/v1/vehicles/query', {
      as: admin.cookie,
      body: { filter: { field: 'seats', op: 'in', value: [1, 3] }, sort: 'name', count: true },
    });
    expect(query.json<{ data: Json[]; total: number }>()).toMatchObject({ total: 2 });
    expect(query.json<{ data: Json[] }>().data.map((v) => v.name)).toEqual(['Bike', 'Delivery van']);

    const patched = await app.call('PATCH', `/api/v1/vehicles/${van.id}`, {
      as: admin.cookie,
      body: { seats: 2 },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    const stale = await app.call('PATCH', `/api/v1/vehicles/${van.id}`, {
      as: admin.cookie,
      body: { seats: 9 },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);

    expect((await app.call('DELETE', `/api/v1/vehicles/${bike.id}`, { as: admin.cookie })).status).toBe(204);
    expect((await app.call('GET', `/api/v1/vehicles/${bike.id}`, { as: admin.cookie })).status).toBe(404);
    const restored = await post(`/api/v1/vehicles/${bike.id}/restore`, undefined, 200);
    expect(restored.name).toBe('Bike');

    const history = await get<{ data: { changes: { field: string; from: unknown; to: unknown }[] }[] }>(
      `/api/v1/vehicles/${van.id}/history`,
    );
    expect(history.data.map((h) => h.changes)).toEqual([
      [{ field: 'seats', from: 3, to: 2 }],
      expect.arrayContaining([{ field: 'name', from: null, to: 'Delivery van' }]),
    ]);

    const csv = await app.call('GET', '/api/v1/vehicles/export?format=csv&fields=name,seats&sort=name', {
      as: admin.cookie,
    });
    expect(csv.status).toBe(200);
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toEqual(['ID,Name,Seats', `${bike.id},Bike,1`, `${bus.id},Bus,50`, `${van.id},Delivery van,2`]);
    expect(await searchIds('Delivery', 'vehicles')).toEqual([van.id]);
    // The other workspace has a vehicles object of its own, so only the workspace condition keeps van out.
    const other = await app.signup('Other');
    expect(
      (
        await app.call('POST', '/api/v1/metadata/objects', {
          as: other.cookie,
          body: { name: 'vehicles', label: 'Vehicle', labelPlural: 'Vehicles', fields: [] },
        })
      ).status,
    ).toBe(201);
    const theirs = await app.call('POST', '/api/v1/vehicles', {
      as: other.cookie,
      body: { name: 'Their van' },
    });
    expect(theirs.status).toBe(201);
    expect((await app.call('GET', `/api/v1/vehicles/${van.id}`, { as: other.cookie })).status).toBe(404);
    expect(
      (await app.call('GET', '/api/v1/vehicles', { as: other.cookie }))
        .json<{ data: Json[] }>()
        .data.map((v) => v.name),
    ).toEqual(['Their van']);
  });

  it('answers 404 to another workspace for a contact, in reads and in writes', async () => {
    const ours = await post('/api/v1/contacts', { firstName: 'Only', lastName: 'Ours' });
    const other = await app.signup('Contacts Elsewhere');
    const as = other.cookie;
    expect((await app.call('GET', `/api/v1/contacts/${ours.id}`, { as })).status).toBe(404);
    expect((await app.call('GET', `/api/v1/contacts/${ours.id}/history`, { as })).status).toBe(404);
    expect(
      (await app.call('PATCH', `/api/v1/contacts/${ours.id}`, { as, body: { lastName: 'Theirs' } })).status,
    ).toBe(404);
    expect((await app.call('DELETE', `/api/v1/contacts/${ours.id}`, { as })).status).toBe(404);
    expect((await get(`/api/v1/contacts/${ours.id}`)).lastName).toBe('Ours');
  });
});
