import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { davCall, hrefsOf, phoneOf, propfindBody } from './davTesting';

let app: TestApp;
let admin: { cookie: string; email: string; userId: string };
let adminPhone: { basic: string; token: string };

const contact = async (cookie: string, body: Record<string, unknown>) => {
  const created = await app.call('POST', '/api/v1/contacts', { as: cookie, body });
  if (created.status !== 201) throw new Error(created.body);
  return created.json<{ id: string; version: number }>().id;
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  adminPhone = await phoneOf(app, admin);
});
afterAll(() => app.close());

describe('discovery, as DAVx5 and iOS walk it', () => {
  it('goes from the well-known address to the principal, its home and the books', async () => {
    const team = await app.call('POST', '/api/v1/teams', { as: admin.cookie, body: { name: 'North' } });
    const rep = await app.addUser(admin.cookie, 'rep', team.json<{ id: string }>().id);
    const phone = await phoneOf(app, rep);
    await app.call('POST', '/api/v1/views', {
      as: admin.cookie,
      body: { object: 'contacts', name: 'Suppliers', shared: true, state: { columns: ['lastName'] } },
    });

    const wellKnown = await davCall(app, 'PROPFIND', '/.well-known/carddav', { auth: phone.basic });
    expect([wellKnown.status, wellKnown.headers.location]).toEqual([301, '/dav/principal/']);

    const options = await davCall(app, 'OPTIONS', '/dav/principal/');
    expect([options.status, options.headers.dav]).toEqual([200, '1, 3, addressbook']);

    const principal = await davCall(app, 'PROPFIND', '/dav/principal/', {
      auth: phone.basic,
      headers: { depth: '0' },
      body: propfindBody('<A:current-user-principal/><B:addressbook-home-set/><A:displayname/>'),
    });
    expect(principal.status).toBe(207);
    expect(principal.body).toContain(
      '<card:addressbook-home-set><d:href>/dav/addressbooks/</d:href></card:addressbook-home-set>',
    );
    expect(principal.body).toContain('<d:current-user-principal><d:href>/dav/principal/</d:href>');

    const home = await davCall(app, 'PROPFIND', '/dav/addressbooks/', {
      auth: phone.basic,
      headers: { depth: '1' },
      body: propfindBody('<A:resourcetype/><A:displayname/><C:getctag/><A:sync-token/>'),
    });
    expect(home.status).toBe(207);
    const views = await app.call('GET', '/api/v1/views?object=contacts', { as: rep.cookie });
    const viewId = views.json<{ data: { id: string }[] }>().data[0].id;
    expect(hrefsOf(home.body)).toEqual([
      '/dav/addressbooks/',
      '/dav/addressbooks/mine/',
      '/dav/addressbooks/team/',
      `/dav/addressbooks/view-${viewId}/`,
    ]);
    expect(home.body).toContain("<d:displayname>My team's contacts</d:displayname>");
    expect(home.body).toContain('<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>');
    expect(home.body).toMatch(/<d:sync-token>urn:rapport:sync:[\w-]{16}:\d+<\/d:sync-token>/);
  });
});

describe('what a book holds', () => {
  it("lists only contacts the user may see: a rep sees no other rep's contacts under owner visibility, and never another workspace's", async () => {
    await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
      as: admin.cookie,
      body: { visibility: 'owner' },
    });
    const repA = await app.addUser(admin.cookie, 'rep');
    const repB = await app.addUser(admin.cookie, 'rep');
    const phoneA = await phoneOf(app, repA);
    const own = await contact(repA.cookie, { firstName: 'Ann', lastName: 'Own' });
    const other = await contact(repB.cookie, { firstName: 'Bob', lastName: 'Other' });
    const elsewhere = await app.signup('Elsewhere');
    const foreign = await contact(elsewhere.cookie, { firstName: 'Fay', lastName: 'Foreign' });
    await app.call('POST', '/api/v1/views', {
      as: admin.cookie,
      body: { object: 'contacts', name: 'Everyone', shared: true, state: { columns: ['lastName'] } },
    });
    const view = (await app.call('GET', '/api/v1/views?object=contacts', { as: repA.cookie }))
      .json<{ data: { id: string; name: string }[] }>()
      .data.find((v) => v.name === 'Everyone')!;

    for (const book of ['mine', `view-${view.id}`]) {
      const listed = await davCall(app, 'PROPFIND', `/dav/addressbooks/${book}/`, {
        auth: phoneA.basic,
        headers: { depth: '1' },
        body: propfindBody('<A:getetag/>'),
      });
      expect(hrefsOf(listed.body)).toEqual([
        `/dav/addressbooks/${book}/`,
        `/dav/addressbooks/${book}/${own}.vcf`,
      ]);
      expect(listed.body).toContain('<d:getetag>&quot;1&quot;</d:getetag>');
    }
    for (const id of [other, foreign]) {
      const got = await davCall(app, 'GET', `/dav/addressbooks/mine/${id}.vcf`, { auth: phoneA.basic });
      expect(got.status).toBe(404);
    }
    await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
      as: admin.cookie,
      body: { visibility: 'workspace' },
    });
  });

  it('answers a multiget with each card asked for, in the version asked, and 404 for the rest', async () => {
    const ada = await contact(admin.cookie, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      title: 'Analyst',
      email: 'ada@example.com',
      phone: '+44 20 7946 0958',
      mailingAddress: { street: '12 St James Sq', city: 'London', country: 'GB' },
      accountId: (
        await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Engines Ltd' } })
      ).json<{ id: string }>().id,
    });
    const grace = await contact(admin.cookie, { firstName: 'Grace', lastName: 'Hopper' });
    const body = `<?xml version="1.0" encoding="utf-8" ?>
<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
  <D:prop><D:getetag/><C:address-data content-type="text/vcard" version="4.0"/></D:prop>
  <D:href>/dav/addressbooks/mine/${ada}.vcf</D:href>
  <D:href>http://localhost/dav/addressbooks/mine/${grace}.vcf</D:href>
  <D:href>/dav/addressbooks/mine/01890000-0000-7000-8000-000000000000.vcf</D:href>
</C:addressbook-multiget>`;
    const answer = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
      auth: adminPhone.basic,
      headers: { depth: '1' },
      body,
    });
    expect(answer.status).toBe(207);
    expect(hrefsOf(answer.body)).toEqual([
      `/dav/addressbooks/mine/${ada}.vcf`,
      `/dav/addressbooks/mine/${grace}.vcf`,
      '/dav/addressbooks/mine/01890000-0000-7000-8000-000000000000.vcf',
    ]);
    expect(answer.body).toContain('HTTP/1.1 404 Not Found');
    const card = /<card:address-data>([^<]*)<\/card:address-data>/.exec(answer.body)![1];
    expect(card.split('\r\n').filter((l) => !l.startsWith('REV:'))).toEqual([
      'BEGIN:VCARD',
      'VERSION:4.0',
      `UID:urn:uuid:${ada}`,
      'FN:Ada Lovelace',
      'N:Lovelace;Ada;;;',
      'TITLE:Analyst',
      'ORG:Engines Ltd',
      'EMAIL;PREF=1:ada@example.com',
      'TEL;VALUE=uri;PREF=1;TYPE=work,voice:tel:+442079460958',
      'ADR;TYPE=work:;;12 St James Sq;London;;;GB',
      'END:VCARD',
      '',
    ]);
  });

  it('serves a card with its ETag, 304 when the phone has it, 3.0 unless 4.0 is asked for', async () => {
    const id = await contact(admin.cookie, {
      firstName: 'Alan',
      lastName: 'Turing',
      phone: '+44 161 496 0000',
    });
    const got = await davCall(app, 'GET', `/dav/addressbooks/mine/${id}.vcf`, { auth: adminPhone.basic });
    expect([got.status, got.headers.etag]).toEqual([200, '"1"']);
    expect(got.body).toContain('VERSION:3.0\r\n');
    expect(got.body).toContain('TEL;TYPE=WORK,VOICE,PREF:+441614960000\r\n');
    const again = await davCall(app, 'GET', `/dav/addressbooks/mine/${id}.vcf`, {
      auth: adminPhone.basic,
      headers: { 'if-none-match': '"1"' },
    });
    expect(again.status).toBe(304);
    const four = await davCall(app, 'GET', `/dav/addressbooks/mine/${id}.vcf`, {
      auth: adminPhone.basic,
      headers: { accept: 'text/vcard; version=4.0' },
    });
    expect(four.body).toContain('VERSION:4.0\r\n');
    await app.call('DELETE', `/api/v1/contacts/${id}`, { as: admin.cookie });
    const gone = await davCall(app, 'GET', `/dav/addressbooks/mine/${id}.vcf`, { auth: adminPhone.basic });
    expect(gone.status).toBe(404);
  });

  it('finds cards by a text match on email in addressbook-query', async () => {
    const id = await contact(admin.cookie, {
      firstName: 'Query',
      lastName: 'Match',
      email: 'qm@findme.test',
    });
    const answer = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
      auth: adminPhone.basic,
      headers: { depth: '1' },
      body: `<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/></D:prop>
        <C:filter><C:prop-filter name="EMAIL"><C:text-match collation="i;unicode-casemap" match-type="contains">FINDME</C:text-match></C:prop-filter></C:filter></C:addressbook-query>`,
    });
    expect(hrefsOf(answer.body)).toEqual([`/dav/addressbooks/mine/${id}.vcf`]);
    const refused = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
      auth: adminPhone.basic,
      body: `<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><C:filter><C:prop-filter name="X-PHOTO"/></C:filter></C:addressbook-query>`,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<card:supported-filter/>');
  });
});

describe('who may ask', () => {
  it('answers 401 with a Basic challenge without credentials, with a wrong or revoked key, and to a session cookie', async () => {
    const wrong = `Basic ${Buffer.from(`${admin.email}:rk_nope_nope`).toString('base64')}`;
    const fresh = await phoneOf(app, admin);
    const keys = await app.call('GET', '/api/v1/api-keys', { as: admin.cookie });
    const keyId = keys.json<{ data: { id: string }[] }>().data.at(-1)!.id;
    expect((await app.call('DELETE', `/api/v1/api-keys/${keyId}`, { as: admin.cookie })).status).toBe(204);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: wrong },
      { authorization: fresh.basic },
      { cookie: `rapport_session=${admin.cookie}` },
    ];
    for (const headers of attempts) {
      const answer = await davCall(app, 'PROPFIND', '/dav/principal/', {
        headers: { depth: '0', ...headers },
      });
      expect([answer.status, answer.headers['www-authenticate']]).toEqual([
        401,
        'Basic realm="Rapport", charset="UTF-8"',
      ]);
    }
  });

  it('refuses malformed XML and a DOCTYPE with a 400', async () => {
    for (const body of [
      '<D:propfind xmlns:D="DAV:"><D:prop>',
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
      '<D:propfind>',
    ]) {
      const answer = await davCall(app, 'PROPFIND', '/dav/addressbooks/mine/', {
        auth: adminPhone.basic,
        headers: { depth: '1' },
        body,
      });
      expect(answer.status).toBe(400);
    }
  });
});
