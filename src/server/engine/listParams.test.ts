import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Initech');
  const people = [
    { firstName: 'Peter', lastName: 'Gibbons', birthday: '1969-05-02' },
    { firstName: 'Joanna', lastName: 'Gibbons', birthday: '1974-11-20' },
    { firstName: 'Michael', lastName: 'Bolton', birthday: '1971-08-15' },
    { firstName: 'Samir', lastName: 'Nagheenanajar', birthday: '1980-01-30' },
    { firstName: 'Milton', lastName: 'Waddams' },
  ];
  const created = await app.call('POST', '/api/v1/contacts/bulk', {
    as: admin.cookie,
    body: { create: people },
  });
  expect(created.status).toBe(200);
});
afterAll(() => app.close());

type Problem = { errors: { path: string; message: string }[] };
const query = (body: unknown) => app.call('POST', '/api/v1/contacts/query', { as: admin.cookie, body });
const firstNames = async (filter: unknown) => {
  const response = await query({ filter, sort: 'firstName', fields: ['firstName'] });
  expect(response.status).toBe(200);
  return response.json<{ data: { firstName: string }[] }>().data.map((c) => c.firstName);
};
const unknownOperator = 'unknown operator; one of eq, ne, lt, lte, gt, gte, in, contains, startsWith, isNull';

describe('POST /{object}/query: a filter leaf in the query string spelling', () => {
  it('matches what {field, op, value} matches', async () => {
    expect(await firstNames({ lastName: { eq: 'Gibbons' } })).toEqual(['Joanna', 'Peter']);
    expect(await firstNames({ field: 'lastName', op: 'eq', value: 'Gibbons' })).toEqual(['Joanna', 'Peter']);
  });

  it('ANDs several operators of one field, and several fields', async () => {
    expect(await firstNames({ birthday: { gte: '1970-01-01', lt: '1980-01-01' } })).toEqual([
      'Joanna',
      'Michael',
    ]);
    expect(await firstNames({ lastName: { eq: 'Gibbons' }, birthday: { gt: '1970-01-01' } })).toEqual([
      'Joanna',
    ]);
  });

  it('mixes with the other spelling inside and, or and not', async () => {
    const filter = {
      or: [
        { and: [{ lastName: { startsWith: 'gib' } }, { not: { firstName: { eq: 'Peter' } } }] },
        { field: 'birthday', op: 'isNull', value: true },
        { firstName: { in: ['Samir'] } },
      ],
    };
    expect(await firstNames(filter)).toEqual(['Joanna', 'Milton', 'Samir']);
  });

  it('is stored in the {field, op, value} form by saved views', async () => {
    const saved = await app.call('POST', '/api/v1/views', {
      as: admin.cookie,
      body: {
        object: 'contacts',
        name: 'The Gibbons born in the 70s',
        state: {
          columns: ['firstName'],
          filter: { lastName: { eq: 'Gibbons' }, birthday: { gte: '1970-01-01' } },
        },
      },
    });
    expect(saved.status).toBe(201);
    const listed = await app.call('GET', '/api/v1/views?object=contacts', { as: admin.cookie });
    expect(listed.json<{ data: { state: { filter: unknown } }[] }>().data.map((v) => v.state.filter)).toEqual(
      [
        {
          and: [
            { field: 'lastName', op: 'eq', value: 'Gibbons' },
            { field: 'birthday', op: 'gte', value: '1970-01-01' },
          ],
        },
      ],
    );
  });

  it('exports what it matches', async () => {
    const exported = await app.call('POST', '/api/v1/contacts/export', {
      as: admin.cookie,
      body: { filter: { firstName: { eq: 'Milton' } }, fields: ['firstName', 'lastName'] },
    });
    expect(exported.status).toBe(200);
    const rows = exported.body.trim().split(/\r?\n/).slice(1);
    expect(rows.map((row) => row.replace(/^[0-9a-f-]{36},/, ''))).toEqual(['Milton,Waddams']);
  });

  it('refuses an unknown operator, or none, with a 400 naming its path', async () => {
    const refused = async (filter: unknown) => {
      const response = await query({ filter });
      expect(response.status).toBe(400);
      return response.json<Problem>().errors;
    };
    expect(await refused({ lastName: { equals: 'Gibbons' } })).toEqual([
      { path: 'filter.lastName.equals', message: unknownOperator },
    ]);
    expect(
      await refused({ and: [{ firstName: { eq: 'Peter' } }, { not: { birthday: { gte: 1, after: 2 } } }] }),
    ).toEqual([{ path: 'filter.and.1.not.birthday.after', message: unknownOperator }]);
    expect(await refused({ or: [{ field: 'lastName', op: 'like', value: 'G%' }] })).toEqual([
      { path: 'filter.or.0.op', message: unknownOperator },
    ]);
    expect(await refused({ lastName: {} })).toEqual([
      { path: 'filter.lastName', message: `needs an operator: ${unknownOperator.split('one of ')[1]}` },
    ]);
  });

  it('still refuses an unknown key in a {field, op, value} leaf', async () => {
    const response = await query({
      filter: { and: [{ field: 'lastName', op: 'eq', value: 'x', extra: 1 }] },
    });
    expect(response.status).toBe(400);
    expect(response.json<Problem>().errors).toEqual([
      { path: 'filter.and.0.extra', message: 'unknown field' },
    ]);
  });
});
