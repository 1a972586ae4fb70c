import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

const call = (method: string, url: string, body?: unknown) =>
  app.call(method, url, { as: admin.cookie, body });
const lead = async (body: Record<string, unknown>) =>
  (
    await call('POST', '/api/v1/contacts', {
      lifecycleStage: 'lead',
      leadStatus: 'working',
      leadSource: 'event',
      ...body,
    })
  ).json<{ id: string }>();
const count = async (object: string) =>
  (await call('GET', `/api/v1/${object}?count=true&limit=1`)).json<{ total: number }>().total;

describe('lead conversion', () => {
  it('finds the account by domain, qualifies the contact and opens a deal that keeps the source', async () => {
    const acme = (
      await call('POST', '/api/v1/accounts', { name: 'Acme Corporation', domain: 'acme.com' })
    ).json<{
      id: string;
    }>();
    const ada = await lead({ firstName: 'Ada', lastName: 'Lovelace' });
    const converted = await call('POST', `/api/v1/contacts/${ada.id}/convert`, {
      account: { name: 'ACME', domain: 'https://www.Acme.com/' },
      deal: { amount: '25000', closeDate: '2026-12-31', role: 'decisionMaker' },
    });
    expect(converted.status).toBe(201);
    const body = converted.json<{
      account: { id: string };
      accountCreated: boolean;
      contact: Record<string, unknown>;
      deal: Record<string, unknown>;
    }>();
    expect(body.account.id).toBe(acme.id);
    expect(body.accountCreated).toBe(false);
    expect(body.contact).toMatchObject({
      accountId: acme.id,
      lifecycleStage: 'opportunity',
      leadStatus: 'qualified',
    });
    expect(body.deal).toMatchObject({
      name: 'Acme Corporation: new business',
      accountId: acme.id,
      amount: '25000.00',
      source: 'event',
      contacts: [{ contactId: ada.id, role: 'decisionMaker' }],
    });
  });

  it('creates the account when none matches, and writes nothing when any part fails', async () => {
    const grace = await lead({ firstName: 'Grace', lastName: 'Hopper' });
    const [accounts, deals] = [await count('accounts'), await count('deals')];
    const refused = await call('POST', `/api/v1/contacts/${grace.id}/convert`, {
      account: { name: 'Navy Labs', domain: 'navy-labs.test' },
      deal: { amount: '-1' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['deal.amount']);
    expect([await count('accounts'), await count('deals')]).toEqual([accounts, deals]);
    const unchanged = await call('GET', `/api/v1/contacts/${grace.id}`);
    expect(unchanged.json()).toMatchObject({ leadStatus: 'working', accountId: null, version: 1 });

    const converted = await call('POST', `/api/v1/contacts/${grace.id}/convert`, {
      account: { name: 'Navy Labs', domain: 'navy-labs.test' },
    });
    expect(converted.status).toBe(201);
    expect(converted.json()).toMatchObject({
      accountCreated: true,
      account: { name: 'Navy Labs', domain: 'navy-labs.test' },
    });
    expect(await count('accounts')).toBe(accounts + 1);
  });

  it('refuses a disqualified lead, and a lead without a company', async () => {
    const noReason = await call('POST', '/api/v1/contacts', {
      lastName: 'Nobody',
      leadStatus: 'disqualified',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'disqualifiedReason', message: 'is required when the lead is disqualified' },
    ]);
    const out = await lead({ lastName: 'Out', leadStatus: 'disqualified', disqualifiedReason: 'Student' });
    expect((await call('POST', `/api/v1/contacts/${out.id}/convert`, {})).status).toBe(409);
    const loner = await lead({ lastName: 'Loner' });
    const noCompany = await call('POST', `/api/v1/contacts/${loner.id}/convert`, {});
    expect(noCompany.status).toBe(400);
    expect(noCompany.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['account']);
    expect(
      (await call('POST', '/api/v1/contacts/0190a0a0-0000-7000-8000-000000000000/convert', {})).status,
    ).toBe(404);
  });
});
