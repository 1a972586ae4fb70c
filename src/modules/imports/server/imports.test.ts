import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { finished, importAndWait, postImport } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '3' } });
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

const contactsOf = async (as: string, filter = '') =>
  (await app.call('GET', `/api/v1/contacts?limit=500&sort=lastName${filter}`, { as })).json<{
    data: Record<string, unknown>[];
  }>().data;

describe('importing contacts from CSV', () => {
  it('creates contacts and their accounts, finds accounts again, and rejects a bad row whole', async () => {
    const csv = [
      'First name,Last name,Email,Company,Birthday',
      'Ada,Lovelace,ada@analytical.example,Analytical Engines,10/12/1815',
      'Charles,Babbage,charles@analytical.example,analytical engines,26/12/1791',
      'Bad,Row,not-an-email,Other Co,01/01/2000',
      'Grace,Hopper,grace@navy.example,US Navy,',
    ].join('\r\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: {
        'First name': 'firstName',
        'Last name': 'lastName',
        Email: 'email',
        Company: 'account.name',
        Birthday: 'birthday',
      },
    });
    expect(state.status).toBe('done');
    expect(state.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 1 });
    expect(state.errors).toEqual([{ row: 4, field: 'email', message: 'is not a valid email address' }]);
    const people = await contactsOf(admin);
    expect(people.map((p) => [p.lastName, p.birthday])).toEqual([
      ['Babbage', '1791-12-26'],
      ['Hopper', null],
      ['Lovelace', '1815-12-10'],
    ]);
    expect(people[0].accountId).toBe(people[2].accountId);
    const accounts = (await app.call('GET', '/api/v1/accounts?sort=name', { as: admin })).json<{
      data: { name: string }[];
    }>().data;
    expect(accounts.map((a) => a.name)).toEqual(['Analytical Engines', 'US Navy']);
  });
});
