import { describe, expect, it } from 'vitest';
import { setUpAggregates, admin, aggregate, app, ok } from './aggregate.setup';

setUpAggregates();

/** `POST /{object}/aggregate`: every measure, grouping and bucket asserted exactly, and visibility. */

describe('measures', () => {
  it('answers every measure over all the records with no grouping', async () => {
    const answer = await aggregate({
      measures: [
        { fn: 'count' },
        { fn: 'count', field: 'employees' },
        { fn: 'count', field: 'tags' },
        { fn: 'sum', field: 'annualRevenue' },
        { fn: 'avg', field: 'annualRevenue' },
        { fn: 'sum', field: 'employees' },
        { fn: 'avg', field: 'employees' },
        { fn: 'min', field: 'annualRevenue' },
        { fn: 'max', field: 'name' },
        { fn: 'min', field: 'signedOn' },
      ],
    });
    expect(answer).toEqual({
      data: [
        {
          group: {},
          values: [4, 3, 3, '1000000.35', '333333.45', 36, 12, '0.10', 'A4', '2025-12-31'],
        },
      ],
      capped: false,
    });
  });

  it('adds money in decimals: 0.10 + 0.20 is 0.30, and their average 0.15', async () => {
    const answer = await aggregate({
      filter: { field: 'industry', op: 'eq', value: 'Retail' },
      measures: [
        { fn: 'count' },
        { fn: 'sum', field: 'annualRevenue' },
        { fn: 'avg', field: 'annualRevenue' },
        { fn: 'max', field: 'annualRevenue' },
      ],
    });
    expect(answer.data).toEqual([{ group: {}, values: [2, '0.30', '0.15', '0.20'] }]);
  });

  it('sums and averages custom number and money fields, and takes min and max of a custom datetime', async () => {
    const answer = await aggregate({
      measures: [
        { fn: 'sum', field: 'fee' },
        { fn: 'avg', field: 'fee' },
        { fn: 'sum', field: 'rating' },
        { fn: 'avg', field: 'rating' },
        { fn: 'min', field: 'seenAt' },
        { fn: 'max', field: 'seenAt' },
        { fn: 'count', field: 'seenAt' },
      ],
    });
    expect(answer.data).toEqual([
      {
        group: {},
        values: ['3.80', '1.27', 3.75, 1.875, '2026-02-28T22:30:00.000Z', '2026-03-01T01:00:00.000Z', 2],
      },
    ]);
  });

  it('answers one group of zeros and nulls when nothing matches, and no groups when grouped', async () => {
    const none = { field: 'name', op: 'eq', value: 'Nobody' };
    expect(
      (await aggregate({ filter: none, measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualRevenue' }] }))
        .data,
    ).toEqual([{ group: {}, values: [0, null] }]);
    expect(
      (await aggregate({ filter: none, groupBy: ['industry'], measures: [{ fn: 'count' }] })).data,
    ).toEqual([]);
  });
});

describe('groups', () => {
  it('groups by a select field in option order, with null as a group of its own, last', async () => {
    const byStage = await aggregate({
      groupBy: ['lifecycleStage'],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualRevenue' }],
    });
    expect(byStage.data).toEqual([
      { group: { lifecycleStage: 'lead' }, values: [1, '0.20'] },
      { group: { lifecycleStage: 'customer' }, values: [2, '1000000.15'] },
      { group: { lifecycleStage: null }, values: [1, null] },
    ]);
    const byIndustry = await aggregate({
      groupBy: [{ field: 'industry' }],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualRevenue' }],
    });
    expect(byIndustry.data).toEqual([
      { group: { industry: 'Energy' }, values: [1, '1000000.05'] },
      { group: { industry: 'Retail' }, values: [2, '0.30'] },
      { group: { industry: null }, values: [1, null] },
    ]);
  });

  it('groups by two fields', async () => {
    const answer = await aggregate({
      groupBy: ['industry', 'lifecycleStage'],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'employees' }],
    });
    expect(answer.data).toEqual([
      { group: { industry: 'Energy', lifecycleStage: 'customer' }, values: [1, null] },
      { group: { industry: 'Retail', lifecycleStage: 'lead' }, values: [1, 20] },
      { group: { industry: 'Retail', lifecycleStage: 'customer' }, values: [1, 10] },
      { group: { industry: null, lifecycleStage: null }, values: [1, 6] },
    ]);
  });

  it('groups an array field by each element; a record with none is in the null group', async () => {
    expect(
      (await aggregate({ groupBy: ['tags'], measures: [{ fn: 'count' }, { fn: 'sum', field: 'employees' }] }))
        .data,
    ).toEqual([
      { group: { tags: 'eu' }, values: [2, 16] },
      { group: { tags: 'vip' }, values: [2, 30] },
      { group: { tags: null }, values: [1, null] },
    ]);
    // A custom multiselect, in the order of its options (west before east).
    expect((await aggregate({ groupBy: ['regions'], measures: [{ fn: 'count' }] })).data).toEqual([
      { group: { regions: 'west' }, values: [1] },
      { group: { regions: 'east' }, values: [2] },
      { group: { regions: null }, values: [2] },
    ]);
  });

  it('groups by a part of an address, with a parameter in its SQL', async () => {
    const answer = await aggregate({
      groupBy: ['billingAddress.country', 'billingAddress.city'],
      measures: [{ fn: 'count' }, { fn: 'min', field: 'billingAddress.city' }],
    });
    expect(answer.data).toEqual([
      { group: { 'billingAddress.country': 'France', 'billingAddress.city': 'Lyon' }, values: [1, 'Lyon'] },
      { group: { 'billingAddress.country': 'France', 'billingAddress.city': 'Paris' }, values: [1, 'Paris'] },
      { group: { 'billingAddress.country': null, 'billingAddress.city': null }, values: [2, null] },
    ]);
  });

  it('groups by a custom select field in its option order, summing a custom money field', async () => {
    const answer = await aggregate({
      groupBy: ['tier'],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'fee' }],
    });
    expect(answer.data).toEqual([
      { group: { tier: 'silver' }, values: [1, '2.50'] },
      { group: { tier: 'gold' }, values: [2, '1.30'] },
      { group: { tier: null }, values: [1, null] },
    ]);
  });

  it('buckets a date by day, ISO week (from Monday), month, quarter and year', async () => {
    const buckets = async (bucket: string) =>
      (await aggregate({ groupBy: [{ field: 'signedOn', bucket }], measures: [{ fn: 'count' }] })).data.map(
        (g) => [g.group.signedOn, g.values[0]],
      );
    expect(await buckets('day')).toEqual([
      ['2025-12-31', 1],
      ['2026-01-05', 1],
      ['2026-01-11', 1],
      ['2026-01-12', 1],
    ]);
    expect(await buckets('week')).toEqual([
      ['2025-12-29', 1],
      ['2026-01-05', 2],
      ['2026-01-12', 1],
    ]);
    expect(await buckets('month')).toEqual([
      ['2025-12-01', 1],
      ['2026-01-01', 3],
    ]);
    expect(await buckets('quarter')).toEqual([
      ['2025-10-01', 1],
      ['2026-01-01', 3],
    ]);
    expect(await buckets('year')).toEqual([
      ['2025-01-01', 1],
      ['2026-01-01', 3],
    ]);
  });

  it('buckets a datetime by its UTC day', async () => {
    const buckets = async (bucket: string) =>
      (await aggregate({ groupBy: [{ field: 'seenAt', bucket }], measures: [{ fn: 'count' }] })).data.map(
        (g) => [g.group.seenAt, g.values[0]],
      );
    // 2026-03-01T00:30+02:00 is still 28 February in UTC.
    expect(await buckets('day')).toEqual([
      ['2026-02-28', 1],
      ['2026-03-01', 1],
      [null, 2],
    ]);
    expect(await buckets('week')).toEqual([
      ['2026-02-23', 2],
      [null, 2],
    ]);
    expect(await buckets('month')).toEqual([
      ['2026-02-01', 1],
      ['2026-03-01', 1],
      [null, 2],
    ]);
    const created = await aggregate({
      groupBy: [{ field: 'createdAt', bucket: 'year' }],
      measures: [{ fn: 'count' }],
    });
    expect(created.data).toEqual([
      { group: { createdAt: `${new Date().getUTCFullYear()}-01-01` }, values: [4] },
    ]);
  });

  it('answers at most 1,000 groups, first in group order, and says it capped them', async () => {
    const big = await app.signup('Many groups');
    for (let part = 0; part < 2; part++)
      await ok(
        await app.call('POST', '/api/v1/accounts/bulk', {
          as: big.cookie,
          body: {
            create: Array.from({ length: part ? 1 : 1000 }, (_, i) => ({
              name: `N${String(part * 1000 + i).padStart(4, '0')}`,
            })),
          },
        }),
      );
    const answer = await aggregate({ groupBy: ['name'], measures: [{ fn: 'count' }] }, big.cookie);
    expect(answer.capped).toBe(true);
    expect(answer.data).toHaveLength(1000);
    expect(answer.data[0]).toEqual({ group: { name: 'N0000' }, values: [1] });
    expect(answer.data[999]).toEqual({ group: { name: 'N0999' }, values: [1] });
    const under = await aggregate(
      { filter: { field: 'name', op: 'ne', value: 'N1000' }, groupBy: ['name'], measures: [{ fn: 'count' }] },
      big.cookie,
    );
    expect(under.capped).toBe(false);
    expect(under.data).toHaveLength(1000);
  });
});

describe('visibility', () => {
  it('counts for a rep only the contacts they may see when the object is owner-visible', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    await ok(
      await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
        as: admin.cookie,
        body: { visibility: 'owner' },
      }),
    );
    const contacts = [
      { lastName: 'R1', lifecycleStage: 'lead', ownerId: rep.userId },
      { lastName: 'R2', lifecycleStage: 'lead', ownerId: rep.userId },
      { lastName: 'R3', lifecycleStage: 'customer', ownerId: rep.userId },
      { lastName: 'M1', lifecycleStage: 'lead' },
      { lastName: 'M2', lifecycleStage: 'customer' },
      { lastName: 'U1', lifecycleStage: 'customer' },
    ];
    const created = await ok(
      await app.call('POST', '/api/v1/contacts/bulk', { as: admin.cookie, body: { create: contacts } }),
    );
    // The last one is unowned, which only admins see.
    const unowned = created.json<{ created: { id: string }[] }>().created[5].id;
    await ok(
      await app.call('PATCH', `/api/v1/contacts/${unowned}`, { as: admin.cookie, body: { ownerId: null } }),
    );
    const body = { groupBy: ['lifecycleStage'], measures: [{ fn: 'count' }] };
    expect((await aggregate(body, rep.cookie, 'contacts')).data).toEqual([
      { group: { lifecycleStage: 'lead' }, values: [2] },
      { group: { lifecycleStage: 'customer' }, values: [1] },
    ]);
    expect((await aggregate(body, admin.cookie, 'contacts')).data).toEqual([
      { group: { lifecycleStage: 'lead' }, values: [3] },
      { group: { lifecycleStage: 'customer' }, values: [3] },
    ]);
  });
});
