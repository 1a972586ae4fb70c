import { describe, expect, it } from 'vitest';
import { aggregate, refused } from './aggregate.setup';

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
