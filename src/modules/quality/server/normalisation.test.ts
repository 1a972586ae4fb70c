import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from '../../imports/server';
import { countryCode } from './countries';
import { personName } from './personNames';

/** Issue 13, item 3: names and countries normalised on every write path. */
describe('personName', () => {
  it.each([
    ['ADA LOVELACE', 'Ada Lovelace'],
    ['  ada   lovelace ', 'Ada Lovelace'],
    ['ludwig van beethoven', 'Ludwig van Beethoven'],
    ['VAN DER BERG', 'Van der Berg'],
    ['maria de la cruz', 'Maria de la Cruz'],
    ['GARCÍA Y LÓPEZ', 'García y López'],
    ["O'BRIEN", "O'Brien"],
    ['o’neill', 'O’Neill'],
    ['mcdonald', 'McDonald'],
    ['anne-marie', 'Anne-Marie'],
    ['J.R.', 'J.R.'],
    ['JOHN SMITH III', 'John Smith III'],
    ['ÉMILE', 'Émile'],
    // Mixed case is the owner's own spelling: only the spaces are tidied.
    ['DeAndre', 'DeAndre'],
    [" d'Alembert ", "d'Alembert"],
    ['Macdonald  Smith', 'Macdonald Smith'],
    ['李 小龍', '李 小龍'],
  ])('%j becomes %j', (typed, stored) => expect(personName(typed)).toBe(stored));
});

describe('countryCode', () => {
  it.each([
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['U.S.A.', 'US'],
    ['united states of america', 'US'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['England', 'GB'],
    ['the Netherlands', 'NL'],
    ['Holland', 'NL'],
    ['Côte d’Ivoire', 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ['Saint Kitts and Nevis', 'KN'],
    ['España', 'ES'],
    ['Schweiz', 'CH'],
    ['Czech Republic', 'CZ'],
    ['Turkey', 'TR'],
    ['Hong Kong', 'HK'],
    ['Burma', 'MM'],
    ['fr', 'FR'],
    [' Japan ', 'JP'],
  ])('%j is %j', (typed, code) => expect(countryCode(typed)).toBe(code));

  it.each(['Narnia', 'EU', 'UN', 'ZZ', '', 'Paris'])('%j is no country', (typed) =>
    expect(countryCode(typed)).toBeNull(),
  );
});

describe('normalisation on writes', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
    await app.platform.jobs.start();
    admin = (await app.signup('Tidy Co')).cookie;
  });
  afterAll(() => app.close());

  it('keeps what a person or a client writes one record at a time as they wrote it', async () => {
    const created = await app.call('POST', '/api/v1/contacts', {
      as: admin,
      body: { firstName: 'ADA', lastName: 'van der berg', mailingAddress: { country: 'Deutschland' } },
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({
      firstName: 'ADA',
      lastName: 'van der berg',
      mailingAddress: { country: 'Deutschland' },
    });
    const bulk = await app.call('POST', '/api/v1/contacts/bulk', {
      as: admin,
      body: { create: [{ firstName: 'grace', lastName: 'HOPPER' }] },
    });
    expect(bulk.json<{ created: object[] }>().created[0]).toMatchObject({
      firstName: 'grace',
      lastName: 'HOPPER',
    });
  });

  it('tidies names and a custom country field of imported rows', async () => {
    const field = await app.call('POST', '/api/v1/metadata/objects/contacts/fields', {
      as: admin,
      body: { name: 'country', label: 'Country', type: 'text' },
    });
    expect(field.status).toBe(201);
    const state = await importAndWait(app, admin, {
      file: [
        'First,Last,Email,Country',
        'GRACE,HOPPER,grace@navy.example,USA',
        'alan,turing,alan@bletchley.example,United Kingdom',
        'Edsger,Dijkstra,edsger@tue.example,Nederland',
      ].join('\n'),
      mapping: { First: 'firstName', Last: 'lastName', Email: 'email', Country: 'country' },
    });
    expect(state.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 0 });
    const people = (
      await app.call('GET', '/api/v1/contacts?sort=lastName&filter[email][contains]=.example', { as: admin })
    ).json<{ data: Record<string, unknown>[] }>().data;
    expect(people.map((p) => [p.firstName, p.lastName, p.country])).toEqual([
      ['Edsger', 'Dijkstra', 'NL'],
      ['Grace', 'Hopper', 'US'],
      ['Alan', 'Turing', 'GB'],
    ]);
  });
});
