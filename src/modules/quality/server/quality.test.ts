import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Rec = Record<string, unknown> & { id: string };
const create = async (object: string, body: Record<string, unknown>) => {
  const response = await app.call('POST', `/api/v1/${object}`, { as: admin, body });
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<Rec>();
};
const duplicates = async (object: string, id: string) =>
  (await app.call('GET', `/api/v1/${object}/${id}/duplicates`, { as: admin })).json<{
    data: { id: string; score: number; reasons: string[] }[];
  }>().data;

describe('duplicates', () => {
  it('finds the same email, the same phone, and similar names at the same account', async () => {
    const acme = await create('accounts', { name: 'Dupe Acme', domain: 'dupe-acme.example' });
    const ada = await create('contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@dupe-acme.example',
      accountId: acme.id,
    });
    const sameEmail = await create('contacts', {
      firstName: 'A.',
      lastName: 'L.',
      email: 'ADA@dupe-acme.example',
    });
    const similar = await create('contacts', { firstName: 'Ada', lastName: 'Lovelac', accountId: acme.id });
    const elsewhere = await create('contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@other.example',
    });
    const phoned = await create('contacts', {
      firstName: 'Zed',
      lastName: 'Other',
      phone: '+44 20 7946 0000',
    });
    const phoned2 = await create('contacts', {
      firstName: 'Yan',
      lastName: 'Else',
      phone: '+44 (0)20 7946-0000',
    });
    expect(await duplicates('contacts', ada.id)).toEqual([
      { id: sameEmail.id, score: 1, reasons: ['same email'] },
      { id: similar.id, score: expect.closeTo(0.8, 1), reasons: ['similar name', 'same account'] },
    ]);
    expect((await duplicates('contacts', elsewhere.id)).map((d) => d.id)).toEqual([]);
    expect(await duplicates('contacts', phoned.id)).toEqual([
      { id: phoned2.id, score: 0.9, reasons: ['same phone'] },
    ]);
    const twin = await create('accounts', { name: 'Dupe Acme Ltd', domain: 'dupe-acme.example' });
    expect((await duplicates('accounts', twin.id)).map((d) => [d.id, d.reasons])).toEqual([
      [acme.id, ['same domain', 'similar name']],
    ]);
  });

  it('takes the threshold from the workspace settings (admins only)', async () => {
    const a = await create('contacts', {
      firstName: 'Threshold',
      lastName: 'Person',
      email: 't1@thr.example',
    });
    const b = await create('contacts', {
      firstName: 'Thresh',
      lastName: 'Persimmon',
      email: 't2@thr.example',
    });
    expect((await duplicates('contacts', a.id)).map((d) => d.id)).toEqual([]);
    const set = await app.call('PATCH', '/api/v1/quality/settings', {
      as: admin,
      body: { duplicateThreshold: 0.4 },
    });
    expect(set.json()).toEqual({ duplicateThreshold: 0.4, staleAfterMonths: {} });
    expect((await duplicates('contacts', a.id)).map((d) => d.id)).toEqual([b.id]);
    const low = await app.call('PATCH', '/api/v1/quality/settings', {
      as: admin,
      body: { duplicateThreshold: 0.1 },
    });
    expect(low.status).toBe(400);
    const rep = await app.addUser(admin, 'rep');
    expect(
      (
        await app.call('PATCH', '/api/v1/quality/settings', {
          as: rep.cookie,
          body: { duplicateThreshold: 0.9 },
        })
      ).status,
    ).toBe(403);
    await app.call('PATCH', '/api/v1/quality/settings', { as: admin, body: { duplicateThreshold: 0.6 } });
  });

  it('a background scan fills the review queue with scored pairs, paged, and a dismissed pair leaves it', async () => {
    const started = await app.call('POST', '/api/v1/duplicates/scan', {
      as: admin,
      body: { object: 'contacts' },
    });
    expect(started.status).toBe(202);
    const id = started.json<{ id: string }>().id;
    let scan = started.json<{ status: string; scanned: number; pairs: number }>();
    for (let i = 0; i < 200 && scan.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      scan = (await app.call('GET', `/api/v1/duplicates/scans/${id}`, { as: admin })).json();
    }
    expect(scan.status).toBe('done');
    const contacts = (await app.call('GET', '/api/v1/contacts?limit=500&count=true', { as: admin })).json<{
      total: number;
    }>();
    expect(scan.scanned).toBe(contacts.total);
    const first = (await app.call('GET', '/api/v1/duplicates?object=contacts&limit=2', { as: admin })).json<{
      data: { recordIds: string[]; titles: string[]; score: number; reasons: string[] }[];
      nextCursor: string;
    }>();
    expect(first.data.map((p) => [p.titles.sort(), p.score, p.reasons])).toEqual([
      [['A. L.', 'Ada Lovelace'], 1, ['same email']],
      [['Yan Else', 'Zed Other'], 0.9, ['same phone']],
    ]);
    const rest = (
      await app.call('GET', `/api/v1/duplicates?object=contacts&cursor=${first.nextCursor}`, { as: admin })
    ).json<{
      data: { recordIds: string[]; titles: string[] }[];
      nextCursor: null;
    }>();
    expect(rest.data.map((p) => p.titles.sort())).toEqual([['Ada Lovelac', 'Ada Lovelace']]);
    expect(rest.nextCursor).toBeNull();
    await app.call('POST', '/api/v1/duplicates/dismiss', {
      as: admin,
      body: { object: 'contacts', recordIds: rest.data[0].recordIds },
    });
    const after = (await app.call('GET', '/api/v1/duplicates?object=contacts', { as: admin })).json<{
      data: unknown[];
    }>();
    expect(after.data).toHaveLength(2);
    expect(
      (await app.call('GET', '/api/v1/duplicates?object=contacts&cursor=bad', { as: admin })).status,
    ).toBe(400);
  });
});
