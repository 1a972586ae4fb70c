import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

const post = async (object: string, body: Record<string, unknown>, as = admin) =>
  (await app.call('POST', `/api/v1/${object}`, { as, body })).json<{ id: string }>();

describe('a list of contacts as one vCard file', () => {
  it('streams every match of the list query, with companies by name, as an address book takes it', async () => {
    const account = await post('accounts', { name: 'Cardmakers Ltd' });
    await post('contacts', { firstName: 'Ada', lastName: 'Cardwell', accountId: account.id });
    await post('contacts', { firstName: '小明', lastName: 'Cardwell', email: 'xm@cards.example' });
    await post('contacts', { firstName: 'Not', lastName: 'Matched' });
    const file = await app.call('GET', '/api/v1/contacts/export.vcf?q=Cardwell&sort=firstName', {
      as: admin,
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(String(file.headers['content-disposition'])).toMatch(
      /^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.vcf"$/,
    );
    const cards = file.body.split('BEGIN:VCARD\r\n').slice(1);
    expect(cards.map((c) => /\r\nFN:(.*)\r\n/.exec(c)?.[1])).toEqual(['Ada Cardwell', '小明 Cardwell']);
    expect(cards[0]).toContain('ORG:Cardmakers Ltd\r\n');
    expect(cards[1]).toContain('EMAIL;PREF=1:xm@cards.example\r\n');
    expect(file.body.endsWith('END:VCARD\r\n')).toBe(true);
    // A filter with an "any" group, which a query string cannot carry, is posted.
    const posted = await app.call('POST', '/api/v1/contacts/export.vcf', {
      as: admin,
      body: {
        filter: { or: [{ firstName: { eq: 'Ada' } }, { email: { eq: 'xm@cards.example' } }] },
        sort: 'firstName',
      },
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toBe(file.body);
    const badBody = await app.call('POST', '/api/v1/contacts/export.vcf', { as: admin, body: { sort: 7 } });
    expect(badBody.status).toBe(400);
  });

  it('names a single card after the person in any script, and refuses a bad query with 400', async () => {
    const person = await post('contacts', { firstName: '李', lastName: 'Wei' });
    const card = await app.call('GET', `/api/v1/contacts/${person.id}/vcard`, { as: admin });
    expect(card.status).toBe(200);
    expect(card.headers['content-disposition']).toBe(
      `attachment; filename="_ Wei.vcf"; filename*=UTF-8''${encodeURIComponent('李 Wei')}.vcf`,
    );
    const bad = await app.call('GET', '/api/v1/contacts/export.vcf?filter[nothing][eq]=1', { as: admin });
    expect(bad.status).toBe(400);
  });

  it('holds only what the caller may see', async () => {
    const other = await app.signup('Elsewhere');
    await post('contacts', { firstName: 'Hidden', lastName: 'Cardwell' }, other.cookie);
    const mine = await app.call('GET', '/api/v1/contacts/export.vcf?q=Cardwell', { as: admin });
    expect(mine.body).not.toContain('Hidden');
    const theirs = await app.call('GET', '/api/v1/contacts/export.vcf?q=Cardwell', { as: other.cookie });
    expect(theirs.body.match(/BEGIN:VCARD/g)).toHaveLength(1);
    expect((await app.call('GET', '/api/v1/contacts/export.vcf')).status).toBe(401);
  });
});
