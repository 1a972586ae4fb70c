import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from '../../imports/server';

/** Issue 13, item 3: admins' rules on a field's length and on the values it may hold. */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  admin = (await app.signup('Lists Co')).cookie;
});
afterAll(() => app.close());

const post = (path: string, body: unknown) => app.call('POST', path, { as: admin, body });
const addRule = async (body: Record<string, unknown>) => {
  const response = await post('/api/v1/validation-rules', body);
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>();
};
const problem = (response: { status: number; json: <T>() => T }) => ({
  status: response.status,
  errors: response.json<{ errors?: { path: string; message: string }[] }>().errors,
});

describe('length and allowed values rules', () => {
  it('refuse too short, too long and unlisted values on create, update, bulk and import', async () => {
    await addRule({ object: 'contacts', field: 'title', kind: 'length', min: 2, max: 10 });
    await addRule({ object: 'accounts', field: 'tags', kind: 'allowedValues', values: ['vip', 'partner'] });
    await addRule({
      object: 'accounts',
      field: 'sicCode',
      kind: 'allowedValues',
      values: ['7372', '5812'],
      message: 'is not a SIC code we sell to',
    });

    const short = await post('/api/v1/contacts', { lastName: 'Short', title: 'X' });
    expect(problem(short)).toEqual({
      status: 400,
      errors: [{ path: 'title', message: 'must be at least 2 and at most 10 characters long' }],
    });
    // Characters, not UTF-16 units: six emoji are six characters (twelve units).
    expect((await post('/api/v1/contacts', { lastName: 'Fits', title: '🙂🙂🙂🙂🙂🙂' })).status).toBe(201);
    const long = await post('/api/v1/contacts', { lastName: 'Long', title: 'Ingénieure🙂' });
    expect(problem(long).errors).toEqual([
      { path: 'title', message: 'must be at least 2 and at most 10 characters long' },
    ]);

    const unlisted = await post('/api/v1/accounts', {
      name: 'Gold Co',
      tags: ['vip', 'gold'],
      sicCode: '9999',
    });
    expect(problem(unlisted)).toEqual({
      status: 400,
      errors: [
        { path: 'tags', message: 'must be one of: vip, partner' },
        { path: 'sicCode', message: 'is not a SIC code we sell to' },
      ],
    });
    const listed = await post('/api/v1/accounts', { name: 'Vip Co', tags: ['vip'], sicCode: '7372' });
    expect(listed.status).toBe(201);
    const { id } = listed.json<{ id: string }>();
    const patched = await app.call('PATCH', `/api/v1/accounts/${id}`, {
      as: admin,
      body: { tags: ['partner', 'Vip'] },
    });
    expect(problem(patched).errors).toEqual([{ path: 'tags', message: 'must be one of: vip, partner' }]);
    const bulk = await post('/api/v1/accounts/bulk', {
      create: [
        { name: 'Fine Co', tags: [] },
        { name: 'Bad Co', sicCode: '1' },
      ],
    });
    expect(problem(bulk).errors).toEqual([
      { path: 'create.1.sicCode', message: 'is not a SIC code we sell to' },
    ]);

    const state = await importAndWait(app, admin, {
      file: ['Last,Title', 'Lamport,Researcher', 'Knuth,Professor Emeritus', 'Liskov,I'].join('\n'),
      mapping: { Last: 'lastName', Title: 'title' },
    });
    expect(state.counts).toEqual({ created: 1, updated: 0, skipped: 0, rejected: 2 });
    expect(state.errors).toEqual([
      { row: 3, field: 'title', message: 'must be at least 2 and at most 10 characters long' },
      { row: 4, field: 'title', message: 'must be at least 2 and at most 10 characters long' },
    ]);
  });

  it('lists a long list of allowed values shortly in the message', async () => {
    const values = Array.from({ length: 12 }, (_, i) => `v${i + 1}`);
    const field = await post('/api/v1/metadata/objects/contacts/fields', {
      name: 'region',
      label: 'Region',
      type: 'text',
    });
    expect(field.status).toBe(201);
    await addRule({ object: 'contacts', field: 'region', kind: 'allowedValues', values });
    const refused = await post('/api/v1/contacts', { lastName: 'Far', region: 'v13' });
    expect(problem(refused).errors).toEqual([
      { path: 'region', message: 'must be one of: v1, v2, v3, v4, v5, v6, v7, v8, v9, v10 (or 2 more)' },
    ]);
    expect((await post('/api/v1/contacts', { lastName: 'Near', region: 'v12' })).status).toBe(201);
  });
});

describe('a length or allowed values rule that cannot hold', () => {
  it.each([
    [
      { object: 'accounts', field: 'employees', kind: 'length', max: 3 },
      [
        {
          path: 'field',
          message: 'employees is a integer field; this rule needs text, longtext, email, phone, url, domain',
        },
      ],
    ],
    [
      { object: 'accounts', field: 'employees', kind: 'allowedValues', values: ['1'] },
      [
        {
          path: 'field',
          message:
            'employees is a integer field; this rule needs text, email, url, domain, select, multiselect, tags',
        },
      ],
    ],
    [{ object: 'accounts', field: 'name', kind: 'length' }, [{ path: 'min', message: 'needs min or max' }]],
    [
      { object: 'accounts', field: 'name', kind: 'length', min: 5, max: 2 },
      [{ path: 'min', message: 'must not be above max' }],
    ],
    [
      { object: 'accounts', field: 'name', kind: 'length', min: -1 },
      [{ path: 'min', message: 'Too small: expected number to be >=0' }],
    ],
    [
      { object: 'accounts', field: 'name', kind: 'allowedValues', values: [] },
      [{ path: 'values', message: 'Too small: expected array to have >=1 items' }],
    ],
    [
      { object: 'accounts', field: 'name', kind: 'allowedValues', values: ['a', ' a '] },
      [{ path: 'values', message: 'lists a value twice' }],
    ],
    [
      { object: 'accounts', field: 'nope', kind: 'allowedValues', values: ['a'] },
      [{ path: 'field', message: 'accounts has no field nope a rule can check' }],
    ],
  ])('%j is refused', async (rule, errors) => {
    const refused = await post('/api/v1/validation-rules', rule);
    expect(problem(refused)).toEqual({ status: 400, errors });
  });
});
