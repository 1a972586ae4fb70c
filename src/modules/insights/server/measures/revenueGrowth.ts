import { sql, type SQL } from 'drizzle-orm';
import { available, closedDeals, perRange, rangeFrom, rangeTo, wonIn, type Measure } from './measure';

const wonRevenue = (from: SQL, to: SQL) =>
  sql`(SELECT sum(c.amount_base) FROM closed c WHERE ${wonIn(from, to)})`;

/** Growth of won revenue in the range over the same revenue in `earlier` (a range of the same length). */
function growth(earlierFrom: SQL, earlierTo: SQL): SQL {
  return sql`round((coalesce(${wonRevenue(rangeFrom, rangeTo)}, 0) - ${wonRevenue(earlierFrom, earlierTo)})
    / nullif(${wonRevenue(earlierFrom, earlierTo)}, 0), 4)`;
}

export const revenueGrowth: Measure = {
  id: 'revenueGrowth',
  label: 'Revenue growth (period over period)',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description:
    'Won revenue of the last 90 days against the 90 days before, in the base currency: 0.1 is 10% more.',
  windowDays: 90,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(ctx, ranges, growth(sql`(${rangeFrom} - (${rangeTo} - ${rangeFrom}))`, rangeFrom), {
      ctes: closedDeals(ctx),
    }),
};

export const revenueGrowthYearOverYear: Measure = {
  id: 'revenueGrowthYearOverYear',
  label: 'Revenue growth (year over year)',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description:
    'Won revenue of the last 90 days against the same 90 days a year earlier, in the base currency.',
  windowDays: 90,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      growth(sql`(${rangeFrom} - interval '1 year')`, sql`(${rangeTo} - interval '1 year')`),
      { ctes: closedDeals(ctx) },
    ),
};
