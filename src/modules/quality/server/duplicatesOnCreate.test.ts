import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Answer = { id: string; likelyDuplicates?: { id: string; score: number; reasons: string[] }[] };
const create = async (object: string, body: Record<string, unknown>) => {
  const response = await app.call('POST', `/api/v1/${object}`, { as: admin, body });
  expect(response.status).toBe(201);
  return response.json<Answer>();
};
const count = async (object: string) =>
  (await app.call('GET', `/api/v1/${object}?count=true&limit=1`, { as: admin })).json<{ total: number }>()
    .total;

describe('duplicates on create', () => {
  it('a create still answers 201, listing the likely duplicates of the new record', async () => {
    const acme = await create('accounts', { name: 'Oncreate Acme', domain: 'oncreate.example' });
    expect(acme.likelyDuplicates).toEqual([]);
    const twin = await create('accounts', {
      name: 'Oncreate Acme Ltd',
      domain: 'https://www.oncreate.example/',
    });
    expect(twin.likelyDuplicates).toEqual([
      { id: acme.id, score: 0.9, reasons: ['same domain', 'similar name'] },
    ]);
    const ada = await create('contacts', {
      firstName: 'Ada',
      lastName: 'Oncreate',
      email: 'ada@oncreate.example',
    });
    const again = await create('contacts', { firstName: 'A', lastName: 'O', email: 'ADA@oncreate.example' });
    expect(again.likelyDuplicates).toEqual([{ id: ada.id, score: 1, reasons: ['same email'] }]);
    const deal = await create('deals', { name: 'No duplicate list here' });
    expect(deal.likelyDuplicates).toBeUndefined();
  });

  it('checks a record before it is saved, saving nothing, and names bad fields as the create would', async () => {
    const before = await count('contacts');
    const check = await app.call('POST', '/api/v1/contacts/duplicates/check', {
      as: admin,
      body: { firstName: 'Someone', lastName: 'Else', email: ' Ada@Oncreate.example ' },
    });
    expect(check.status).toBe(200);
    const found = check.json<{ data: { score: number; reasons: string[] }[] }>().data;
    // Ada and the contact created again with her email.
    expect(found.map((d) => [d.score, d.reasons])).toEqual([
      [1, ['same email']],
      [1, ['same email']],
    ]);
    const fresh = await app.call('POST', '/api/v1/contacts/duplicates/check', {
      as: admin,
      body: { firstName: 'Nobody', lastName: 'Alike', email: 'nobody@elsewhere.example' },
    });
    expect(fresh.json()).toEqual({ data: [] });
    expect(await count('contacts')).toBe(before);
    const bad = await app.call('POST', '/api/v1/contacts/duplicates/check', {
      as: admin,
      body: { lastName: 'Bad', email: 'not-an-email' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['email']);
    const viewer = await app.addUser(admin, 'viewer');
    const byViewer = await app.call('POST', '/api/v1/contacts/duplicates/check', {
      as: viewer.cookie,
      body: { lastName: 'Viewer' },
    });
    expect(byViewer.status).toBe(403);
  });

  it("finds alike names within a contact's contexts, and a context shared by over 1,000 contacts is none", async () => {
    const account = await create('accounts', { name: 'Context Works' });
    const ada = await create('contacts', {
      firstName: 'Adelaide',
      lastName: 'Contextual',
      accountId: account.id,
    });
    const sameAccount = await create('contacts', {
      firstName: 'Adelaid',
      lastName: 'Contextual',
      accountId: account.id,
    });
    expect(sameAccount.likelyDuplicates?.map((d) => [d.id, d.reasons])).toEqual([
      [ada.id, ['similar name', 'same account']],
    ]);
    const atWork = await create('contacts', {
      firstName: 'Bertram',
      lastName: 'Domainly',
      email: 'b@context.example',
    });
    const sameDomain = await create('contacts', {
      firstName: 'Bertran',
      lastName: 'Domainly',
      email: 'bd@context.example',
    });
    expect(sameDomain.likelyDuplicates?.map((d) => [d.id, d.reasons])).toEqual([
      [atWork.id, ['similar name', 'same email domain']],
    ]);
    // A mail provider's domain says nothing about who is who: with 1,001 contacts on it, not a context.
    const crowd = Array.from({ length: 1001 }, (_, i) => ({
      lastName: `Crowd${i}`,
      email: `c${i}@mailer.example`,
    }));
    for (const part of [crowd.slice(0, 1000), crowd.slice(1000)]) {
      const bulk = await app.call('POST', '/api/v1/contacts/bulk', { as: admin, body: { create: part } });
      expect(bulk.json<{ created: unknown[] }>().created).toHaveLength(part.length);
    }
    const first = await create('contacts', {
      firstName: 'Cornelius',
      lastName: 'Crowded',
      email: 'cc@mailer.example',
    });
    const second = await create('contacts', {
      firstName: 'Cornelis',
      lastName: 'Crowded',
      email: 'cc2@mailer.example',
    });
    expect(first.likelyDuplicates).toEqual([]);
    expect(second.likelyDuplicates).toEqual([]);
  });
});
