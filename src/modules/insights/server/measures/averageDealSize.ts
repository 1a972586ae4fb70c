import { sql } from 'drizzle-orm';
import { available, closedDeals, perRange, rangeFrom, rangeTo, wonIn, type Measure } from './measure';

export const averageDealSize: Measure = {
  id: 'averageDealSize',
  label: 'Average deal size',
  unit: 'money',
  direction: 'higherIsBetter',
  description: "The average amount of the deals won in the last 90 days, in the workspace's base currency.",
  windowDays: 90,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(avg(c.amount_base), 2) FROM closed c WHERE ${wonIn(rangeFrom, rangeTo)})`,
      { ctes: closedDeals(ctx), money: true },
    ),
};
