import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { davCall, phoneOf } from './davTesting';

let app: TestApp;
let admin: { cookie: string; email: string; userId: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

/** What DAVx5 sends to sync a book: the token it kept, ETags only. */
const syncBody = (token: string) => `<?xml version="1.0" encoding="UTF-8"?>
<sync-collection xmlns="DAV:" xmlns:CARD="urn:ietf:params:xml:ns:carddav">
  <sync-token>${token}</sync-token><sync-level>1</sync-level><prop><getetag/></prop>
</sync-collection>`;

const tokenOf = (xml: string) => /<d:sync-token>([^<]+)<\/d:sync-token>/.exec(xml)![1];

/** Each href with its ETag, or `removed`. */
function changes(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<d:response><d:href>([^<]*)<\/d:href>(.*?)<\/d:response>/g))
    out[m[1].split('/').pop()!] = /<d:getetag>&quot;(\d+)&quot;/.exec(m[2])?.[1] ?? 'removed';
  return out;
}

describe('sync-collection', () => {
  it('answers everything first, then only what changed since the token, removals included', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const other = await app.addUser(admin.cookie, 'rep');
    const phone = await phoneOf(app, rep);
    const make = async (cookie: string, lastName: string) =>
      (await app.call('POST', '/api/v1/contacts', { as: cookie, body: { lastName } })).json<{ id: string }>()
        .id;
    const [kept, edited, binned, given] = [
      await make(rep.cookie, 'Kept'),
      await make(rep.cookie, 'Edited'),
      await make(rep.cookie, 'Binned'),
      await make(rep.cookie, 'Given'),
    ];
    await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
      as: admin.cookie,
      body: { visibility: 'owner' },
    });

    const first = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
      auth: phone.basic,
      body: syncBody(''),
    });
    expect(first.status).toBe(207);
    expect(changes(first.body)).toEqual({
      [`${kept}.vcf`]: '1',
      [`${edited}.vcf`]: '1',
      [`${binned}.vcf`]: '1',
      [`${given}.vcf`]: '1',
    });
    const token = tokenOf(first.body);

    await app.call('PATCH', `/api/v1/contacts/${edited}`, { as: rep.cookie, body: { title: 'Buyer' } });
    await app.call('DELETE', `/api/v1/contacts/${binned}`, { as: rep.cookie });
    await app.call('PATCH', `/api/v1/contacts/${given}`, {
      as: admin.cookie,
      body: { ownerId: other.userId },
    });
    const created = await make(rep.cookie, 'Created');
    const unseen = await make(other.cookie, 'Unseen');

    const next = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
      auth: phone.basic,
      body: syncBody(token),
    });
    expect(next.status).toBe(207);
    // Changes within the token's minute of overlap are sent again: the phone compares ETags. The kept
    // contact changed before the token, and the other rep's new contact is never mentioned.
    const seen = changes(next.body);
    expect(seen[`${edited}.vcf`]).toBe('2');
    expect(seen[`${binned}.vcf`]).toBe('removed');
    expect(seen[`${given}.vcf`]).toBe('removed');
    expect(seen[`${created}.vcf`]).toBe('1');
    expect(seen[`${unseen}.vcf`]).toBeUndefined();
    expect(tokenOf(next.body)).not.toBe(token);
    await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
      as: admin.cookie,
      body: { visibility: 'workspace' },
    });
  });

  it('refuses a token made before the book changed shape, and a token of nothing, with valid-sync-token', async () => {
    const phone = await phoneOf(app, admin);
    const first = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
      auth: phone.basic,
      body: syncBody(''),
    });
    const token = tokenOf(first.body);
    await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
      as: admin.cookie,
      body: { visibility: 'team' },
    });
    for (const stale of [token, 'urn:rapport:sync:nonsense', 'http://example.com/ns/sync/12']) {
      const answer = await davCall(app, 'REPORT', '/dav/addressbooks/mine/', {
        auth: phone.basic,
        body: syncBody(stale),
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain('<d:valid-sync-token/>');
    }
    await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
      as: admin.cookie,
      body: { visibility: 'workspace' },
    });
  });
});
