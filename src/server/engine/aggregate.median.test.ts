import { describe, expect, it } from 'vitest';
import { setUpAggregates, admin, aggregate, app, refused } from './aggregate.setup';

setUpAggregates();

/** The report builder's measures: median (exact in decimals) and distinct count. */
describe('median and distinct count', () => {
  it('answers the middle value, the mean of the two middle ones, and distinct values', async () => {
    expect(
      await aggregate({
        measures: [
          { fn: 'median', field: 'employees' },
          { fn: 'median', field: 'fee' },
          { fn: 'median', field: 'rating' },
          { fn: 'distinctCount', field: 'industry' },
          { fn: 'distinctCount', field: 'tier' },
        ],
      }),
    ).toEqual({ data: [{ group: {}, values: [10, '1.25', 1.875, 2, 2] }], capped: false });
  });

  it('keeps money exact: the median of 0.10 and 0.20 is 0.15', async () => {
    const answer = await aggregate({
      filter: { field: 'industry', op: 'eq', value: 'Retail' },
      measures: [{ fn: 'median', field: 'annualRevenue' }],
    });
    expect(answer.data[0].values).toEqual(['0.15']);
  });

  it('refuses a median of text and a distinct count of a list', async () => {
    expect(await refused({ measures: [{ fn: 'median', field: 'name' }] })).toEqual(['measures.0.field']);
    expect(await refused({ measures: [{ fn: 'distinctCount', field: 'tags' }] })).toEqual([
      'measures.0.field',
    ]);
  });
});

describe('grouping by a field of the referred record', () => {
  it("groups contacts by their account's industry, and refuses an unknown field of it", async () => {
    const accounts = await app.call('GET', '/api/v1/accounts?filter[name][in]=A1,A3&sort=name', {
      as: admin.cookie,
    });
    const [a1, a3] = accounts.json<{ data: { id: string }[] }>().data;
    const create = [
      { firstName: 'P1', accountId: a1.id },
      { firstName: 'P2', accountId: a1.id },
      { firstName: 'P3', accountId: a3.id },
      { firstName: 'P4' },
    ];
    await app.call('POST', '/api/v1/contacts/bulk', { as: admin.cookie, body: { create } });
    const answer = await aggregate(
      { groupBy: ['accountId.industry'], measures: [{ fn: 'count' }] },
      admin.cookie,
      'contacts',
    );
    expect(answer.data).toEqual([
      { group: { 'accountId.industry': 'Energy' }, values: [1] },
      { group: { 'accountId.industry': 'Retail' }, values: [2] },
      { group: { 'accountId.industry': null }, values: [1] },
    ]);
    const bad = await app.call('POST', '/api/v1/contacts/aggregate', {
      as: admin.cookie,
      body: { groupBy: ['accountId.secret'], measures: [{ fn: 'count' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'groupBy.0', message: 'unknown field "secret"' },
    ]);
  });
});
