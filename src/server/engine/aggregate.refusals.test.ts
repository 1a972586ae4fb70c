import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../db/database';
import { setUpAggregates, admin, aggregate, app, ok, refused } from './aggregate.setup';

setUpAggregates();

/** `POST /{object}/aggregate`: every refused body names its bad part and writes nothing; its OpenAPI entry. */

describe('refusals', () => {
  it('names the bad part of every refused aggregate, and a refusal writes nothing', async () => {
    const state = async () => {
      await app.platform.usage.flush();
      return app.db.read((db) =>
        rows<{ events: number; accounts: number; versions: number }>(
          db,
          sql`SELECT (SELECT count(*)::int FROM usage_events) AS events,
            (SELECT count(*)::int FROM accounts) AS accounts,
            (SELECT sum(version)::int FROM accounts) AS versions`,
        ),
      );
    };
    const before = await state();
    const count = [{ fn: 'count' }];
    expect(await refused({ groupBy: ['nope'], measures: count })).toEqual(['groupBy.0']);
    expect(await refused({ groupBy: ['industry', { field: 'nope' }], measures: count })).toEqual([
      'groupBy.1.field',
    ]);
    // A retired field is as unknown as one that never was.
    expect(await refused({ groupBy: ['legacyCode'], measures: count })).toEqual(['groupBy.0']);
    expect(await refused({ groupBy: ['description'], measures: count })).toEqual(['groupBy.0']);
    expect(await refused({ groupBy: ['industry', 'billingAddress'], measures: count })).toEqual([
      'groupBy.1',
    ]);
    expect(await refused({ groupBy: [{ field: 'industry', bucket: 'month' }], measures: count })).toEqual([
      'groupBy.0.bucket',
    ]);
    expect(await refused({ groupBy: ['industry', { field: 'industry' }], measures: count })).toEqual([
      'groupBy.1',
    ]);
    expect(await refused({ groupBy: ['industry', 'tags', 'tier'], measures: count })).toEqual(['groupBy']);
    expect(await refused({ measures: [{ fn: 'count' }, { fn: 'sum', field: 'name' }] })).toEqual([
      'measures.1.field',
    ]);
    expect(await refused({ measures: [{ fn: 'avg', field: 'signedOn' }] })).toEqual(['measures.0.field']);
    expect(await refused({ measures: [{ fn: 'sum' }] })).toEqual(['measures.0.field']);
    expect(await refused({ measures: [{ fn: 'min', field: 'tags' }] })).toEqual(['measures.0.field']);
    expect(await refused({ measures: [{ fn: 'max', field: 'industry' }] })).toEqual(['measures.0.field']);
    expect(await refused({ measures: [{ fn: 'max', field: 'nope' }] })).toEqual(['measures.0.field']);
    expect(await refused({ measures: [{ fn: 'mode', field: 'employees' }] })).toEqual(['measures.0.fn']);
    expect(await refused({ measures: [] })).toEqual(['measures']);
    expect(await refused({ measures: Array.from({ length: 11 }, () => ({ fn: 'count' })) })).toEqual([
      'measures',
    ]);
    expect(await refused({})).toEqual(['measures']);
    expect(await refused({ measures: count, sort: 'name' })).toEqual(['sort']);
    expect(await refused({ filter: { field: 'nope', op: 'eq', value: 1 }, measures: count })).toEqual([
      'filter',
    ]);
    expect(
      await refused({ filter: { and: [{ field: 'employees', op: 'gt', value: 'many' }] }, measures: count }),
    ).toEqual(['filter.and.0']);
    let deep: unknown = { field: 'name', op: 'eq', value: 'x' };
    for (let i = 0; i < 30; i++) deep = { not: deep };
    expect(await refused({ filter: deep, measures: count })).toEqual(['filter']);
    expect(
      (await app.call('POST', '/api/v1/nothings/aggregate', { as: admin.cookie, body: { measures: count } }))
        .status,
    ).toBe(404);
    expect(await state()).toEqual(before);
    // A successful one is recorded as one list use: the comparison above could tell.
    await aggregate({ measures: count });
    expect((await state())[0].events).toBe(before[0].events + 1);
  });
});

describe('OpenAPI', () => {
  it('describes the aggregate endpoint of every object', async () => {
    const doc = (await ok(await app.call('GET', '/api/v1/openapi.json'))).json<{
      paths: Record<
        string,
        { post?: { requestBody: { content: Record<string, { schema: { required: string[] } }> } } }
      >;
    }>();
    for (const object of ['accounts', 'contacts'])
      expect(
        doc.paths[`/${object}/aggregate`].post?.requestBody.content['application/json'].schema.required,
      ).toEqual(['measures']);
  });
});
