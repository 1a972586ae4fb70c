import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from '../../imports/server';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
  const rule = await app.call('POST', '/api/v1/validation-rules', {
    as: admin,
    body: { object: 'contacts', field: 'email', kind: 'unique' },
  });
  expect(rule.status).toBe(201);
});
afterAll(() => app.close());

const create = (body: Record<string, unknown>) => app.call('POST', '/api/v1/contacts', { as: admin, body });
const problem = (response: { status: number; json: <T>() => T }) => ({
  status: response.status,
  errors: response.json<{ errors?: { path: string; message: string }[] }>().errors,
});

describe('a blocking duplicate rule (unique)', () => {
  it('refuses a create whose value another record holds, case aside, with 409 naming it', async () => {
    const ada = (await create({ lastName: 'Lovelace', email: 'ada@unique.example' })).json<{ id: string }>();
    const again = await create({ lastName: 'Byron', email: ' ADA@Unique.example ' });
    expect(problem(again)).toEqual({
      status: 409,
      errors: [{ path: 'email', message: `is already used by another contact (${ada.id})` }],
    });
    // An empty value never clashes.
    expect((await create({ lastName: 'Nobody' })).status).toBe(201);
    expect((await create({ lastName: 'Nobody either' })).status).toBe(201);
  });

  it('holds on update and bulk, lets a record keep its own value, and forgets binned records', async () => {
    const grace = (await create({ lastName: 'Hopper', email: 'grace@unique.example' })).json<{
      id: string;
    }>();
    const alan = (await create({ lastName: 'Turing', email: 'alan@unique.example' })).json<{ id: string }>();
    const taken = await app.call('PATCH', `/api/v1/contacts/${alan.id}`, {
      as: admin,
      body: { email: 'grace@unique.example' },
    });
    expect(taken.status).toBe(409);
    const same = await app.call('PATCH', `/api/v1/contacts/${grace.id}`, {
      as: admin,
      body: { email: 'grace@unique.example', title: 'Rear admiral' },
    });
    expect(same.status).toBe(200);
    const bulk = await app.call('POST', '/api/v1/contacts/bulk', {
      as: admin,
      body: {
        create: [
          { lastName: 'One', email: 'twin@unique.example' },
          { lastName: 'Two', email: 'twin@unique.example' },
        ],
      },
    });
    expect(problem(bulk)).toEqual({
      status: 409,
      errors: [{ path: 'create.1.email', message: 'is already used by create.0 of this batch' }],
    });
    expect((await app.call('DELETE', `/api/v1/contacts/${grace.id}`, { as: admin })).status).toBe(204);
    expect((await create({ lastName: 'Hopper II', email: 'grace@unique.example' })).status).toBe(201);
  });

  it('rejects an import row that would duplicate, row by row, and imports the rest', async () => {
    const csv = [
      'Last name,Email',
      'Existing,ada@unique.example',
      'Fresh,fresh@unique.example',
      'Repeated,fresh@unique.example',
      'Other,other@unique.example',
    ].join('\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: { 'Last name': 'lastName', Email: 'email' },
      match: { field: 'email', onMatch: 'create' },
    });
    expect(state.status).toBe('done');
    expect(state.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 2 });
    expect(state.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'email'],
      [4, 'email'],
    ]);
  });

  it('names only fields it can compare', async () => {
    const refused = await app.call('POST', '/api/v1/validation-rules', {
      as: admin,
      body: { object: 'contacts', field: 'birthday', kind: 'unique' },
    });
    expect(refused.status).toBe(400);
  });
});
