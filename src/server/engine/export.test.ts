import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { parse } from 'csv-parse/sync';
import { safeCell } from './export';

/** Issue 8, finding 7: exported cells never start a formula, in any piece a spreadsheet may split off. */
describe('safeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['  =1+1', "'  =1+1"],
    ['\t=cmd', "'\t'=cmd"],
    ['Acme;=HYPERLINK("http://x")', 'Acme;\'=HYPERLINK("http://x")'],
    ['Acme, @SUM(A1)', "Acme, '@SUM(A1)"],
    ['x - y', 'x - y'],
    ['plain', 'plain'],
  ])('%j becomes %j', (value, expected) => expect(safeCell(value)).toBe(expected));

  it('neutralises each item of a list and each part of a compound value', () => {
    expect(safeCell(['ok', '=cmd', ' +1'])).toBe("ok; '=cmd; ' +1");
    expect(safeCell({ street: '@evil', city: 'Paris' })).toBe("'@evil, Paris");
  });
});

describe('CSV export', () => {
  let app: TestApp;
  let cookie: string;
  beforeAll(async () => {
    app = await createTestApp();
    ({ cookie } = await app.signup('Export Co'));
  });
  afterAll(() => app.close());

  it('writes tags and names with formulas after a separator as text', async () => {
    const created = await app.call('POST', '/api/v1/accounts', {
      as: cookie,
      body: { name: 'Acme;=2+3', tags: ['vip', '=HYPERLINK("http://x","y")'] },
    });
    expect(created.status).toBe(201);
    const csv = await app.call('GET', '/api/v1/accounts/export?format=csv&fields=name,tags', { as: cookie });
    expect(csv.status).toBe(200);
    const line = csv.body.trim().split('\n')[1];
    expect(line).toContain("Acme;'=2+3");
    expect(line).toContain('vip; \'=HYPERLINK(""http://x"",""y"")');
  });
});

/** Issue 10, item 6: an export reads as words, with the ids in columns of their own. */
describe('export columns', () => {
  let app: TestApp;
  let cookie: string;
  let userId: string;
  beforeAll(async () => {
    app = await createTestApp();
    ({ cookie, userId } = await app.signup('Words Co'));
  });
  afterAll(() => app.close());

  const exported = async (path: string) => {
    const response = await app.call('GET', path, { as: cookie });
    expect(response.status).toBe(200);
    return parse(response.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  };

  it('gives names, labels, yes or no, and the address part by part in envelope order', async () => {
    const account = await app.call('POST', '/api/v1/accounts', {
      as: cookie,
      body: {
        name: 'Initech',
        lifecycleStage: 'customer',
        billingAddress: {
          street: '1 Main St',
          city: 'Austin',
          region: 'TX',
          postalCode: '78701',
          country: 'US',
        },
      },
    });
    const accountId = account.json<{ id: string }>().id;
    const [row] = await exported(
      '/api/v1/accounts/export?format=csv&fields=name,lifecycleStage,billingAddress,ownerId',
    );
    expect(Object.keys(row)).toEqual([
      'ID',
      'Name',
      'Lifecycle stage',
      'Billing address: Street',
      'Billing address: Postal code',
      'Billing address: City',
      'Billing address: Region',
      'Billing address: Country',
      'Owner',
      'Owner ID',
    ]);
    expect(row).toMatchObject({
      ID: accountId,
      'Lifecycle stage': 'Customer',
      'Billing address: Postal code': '78701',
      'Billing address: City': 'Austin',
      Owner: 'Ada Admin',
      'Owner ID': userId,
    });
  });

  it('names a linked record the reader can see, and keeps only the id of one in the bin', async () => {
    const account = await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'Globex' } });
    const accountId = account.json<{ id: string }>().id;
    await app.call('POST', '/api/v1/contacts', {
      as: cookie,
      body: { firstName: 'Hank', lastName: 'Scorpio', accountId },
    });
    const named = await exported('/api/v1/contacts/export?format=csv&fields=lastName,accountId');
    expect(named.find((r) => r['Last name'] === 'Scorpio')).toMatchObject({
      Account: 'Globex',
      'Account ID': accountId,
    });
    expect((await app.call('DELETE', `/api/v1/accounts/${accountId}`, { as: cookie })).status).toBe(204);
    const binned = await exported('/api/v1/contacts/export?format=csv&fields=lastName,accountId');
    expect(binned.find((r) => r['Last name'] === 'Scorpio')).toMatchObject({
      Account: '',
      'Account ID': accountId,
    });
  });
});
