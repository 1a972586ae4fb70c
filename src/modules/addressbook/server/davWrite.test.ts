import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { davCall, phoneOf } from './davTesting';

let app: TestApp;
let admin: { cookie: string; email: string; userId: string };
let phone: { basic: string; token: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  phone = await phoneOf(app, admin);
});
afterAll(() => app.close());

/** A card as iOS writes a new contact: vCard 3.0, its own UID, a cell and a work number. */
const iosCard = (given: string, extra = '') =>
  [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 18.1//EN',
    `N:Curie;${given};;;`,
    `FN:${given} Curie`,
    'EMAIL;type=INTERNET;type=WORK;type=pref:marie@radium.example',
    'TEL;type=CELL;type=VOICE;type=pref:+33 6 12 34 56 78',
    'TEL;type=WORK;type=VOICE:+33 1 40 00 00 00',
    'UID:7F1D3A2E-9B1C-4E8D-A0F2-3C5B6D7E8F90',
    extra,
    'END:VCARD',
    '',
  ]
    .filter(Boolean)
    .join('\r\n');

const vcard = { 'content-type': 'text/vcard; charset=utf-8' };
const count = async () =>
  (await app.call('GET', '/api/v1/contacts?count=true&limit=1', { as: admin.cookie })).json<{
    total: number;
  }>().total;

describe('changes from phones', () => {
  it('are refused with 403 and need-privileges while the books are read-only, and change nothing', async () => {
    const before = await count();
    const put = await davCall(app, 'PUT', '/dav/addressbooks/mine/ABC-1.vcf', {
      auth: phone.basic,
      headers: vcard,
      body: iosCard('Marie'),
    });
    expect(put.status).toBe(403);
    expect(put.body).toContain('<d:need-privileges/>');
    const id = (
      await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body: { lastName: 'Kept' } })
    ).json<{
      id: string;
    }>().id;
    const del = await davCall(app, 'DELETE', `/dav/addressbooks/mine/${id}.vcf`, { auth: phone.basic });
    expect(del.status).toBe(403);
    expect(await count()).toBe(before + 1);
  });

  it('lets only an admin allow two-way sync', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const refused = await app.call('PATCH', '/api/v1/addressbook/settings', {
      as: rep.cookie,
      body: { twoWay: true },
    });
    expect(refused.status).toBe(403);
    const allowed = await app.call('PATCH', '/api/v1/addressbook/settings', {
      as: admin.cookie,
      body: { twoWay: true },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.json()).toEqual({
      serverUrl: 'http://localhost:80/dav/',
      principalUrl: 'http://localhost:80/dav/principal/',
      twoWay: true,
    });
  });

  it('creates a contact from a new card under the name the phone chose, with history source contactSync', async () => {
    const put = await davCall(app, 'PUT', '/dav/addressbooks/mine/7F1D3A2E-9B1C.vcf', {
      auth: phone.basic,
      headers: { ...vcard, 'if-none-match': '*' },
      body: iosCard('Marie'),
    });
    expect([put.status, put.headers.etag]).toEqual([201, '"1"']);
    const found = await app.call('GET', '/api/v1/contacts?filter[lastName][eq]=Curie', { as: admin.cookie });
    const [contact] = found.json<{ data: Record<string, unknown>[] }>().data;
    expect([contact.firstName, contact.email, contact.mobilePhone, contact.phone, contact.ownerId]).toEqual([
      'Marie',
      'marie@radium.example',
      '+33612345678',
      '+33140000000',
      admin.userId,
    ]);
    const history = await app.call('GET', `/api/v1/contacts/${String(contact.id)}/history`, {
      as: admin.cookie,
    });
    expect(history.json<{ data: { source: string }[] }>().data.map((h) => h.source)).toEqual(['contactSync']);
    const got = await davCall(app, 'GET', '/dav/addressbooks/mine/7F1D3A2E-9B1C.vcf', { auth: phone.basic });
    expect([got.status, got.headers.etag]).toEqual([200, '"1"']);
    expect(got.body).toContain(`UID:${String(contact.id)}\r\n`);
  });

  it('updates a contact with If-Match, and refuses a stale ETag with 412 changing nothing', async () => {
    const id = (
      await app.call('POST', '/api/v1/contacts', {
        as: admin.cookie,
        body: { firstName: 'Pierre', lastName: 'Curie', notes: 'Physicist' },
      })
    ).json<{ id: string }>().id;
    const path = `/dav/addressbooks/mine/${id}.vcf`;
    const card = (title: string) =>
      `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Pierre Curie\r\nN:Curie;Pierre;;;\r\nTITLE:${title}\r\nNOTE:Physicist\r\nEND:VCARD\r\n`;
    const updated = await davCall(app, 'PUT', path, {
      auth: phone.basic,
      headers: { ...vcard, 'if-match': '"1"' },
      body: card('Professor'),
    });
    expect([updated.status, updated.headers.etag]).toEqual([204, '"2"']);
    const stale = await davCall(app, 'PUT', path, {
      auth: phone.basic,
      headers: { ...vcard, 'if-match': '"1"' },
      body: card('Dean'),
    });
    expect(stale.status).toBe(412);
    const record = (await app.call('GET', `/api/v1/contacts/${id}`, { as: admin.cookie })).json();
    expect([record.title, record.version, record.notes]).toEqual(['Professor', 2, 'Physicist']);
    const history = await app.call('GET', `/api/v1/contacts/${id}/history`, { as: admin.cookie });
    expect(
      history.json<{ data: { source: string; changes: { field: string; to: unknown }[] }[] }>().data[0],
    ).toMatchObject({
      source: 'contactSync',
      changes: [{ field: 'title', to: 'Professor' }],
    });
  });

  it('refuses a card that is not one, or that the engine finds invalid, with a 400 that writes nothing', async () => {
    const before = await count();
    for (const body of [
      'hello',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n',
      iosCard('Irène').replace('marie@radium.example', 'not an email'),
    ]) {
      const put = await davCall(app, 'PUT', '/dav/addressbooks/mine/bad.vcf', {
        auth: phone.basic,
        headers: vcard,
        body,
      });
      expect(put.status).toBe(400);
    }
    expect(await count()).toBe(before);
  });

  it('moves the contact of a deleted card to the recycle bin', async () => {
    const id = (
      await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body: { lastName: 'Gone' } })
    ).json<{
      id: string;
    }>().id;
    const stale = await davCall(app, 'DELETE', `/dav/addressbooks/mine/${id}.vcf`, {
      auth: phone.basic,
      headers: { 'if-match': '"9"' },
    });
    expect(stale.status).toBe(412);
    const del = await davCall(app, 'DELETE', `/dav/addressbooks/mine/${id}.vcf`, { auth: phone.basic });
    expect(del.status).toBe(204);
    expect((await app.call('GET', `/api/v1/contacts/${id}`, { as: admin.cookie })).status).toBe(404);
    const restored = await app.call('POST', `/api/v1/contacts/${id}/restore`, { as: admin.cookie });
    expect(restored.status).toBe(200);
  });
});
