import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
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
