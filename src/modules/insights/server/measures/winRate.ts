import { sql } from 'drizzle-orm';
import { available, closedDeals, perRange, rangeFrom, rangeTo, type Measure } from './measure';

export const winRate: Measure = {
  id: 'winRate',
  label: 'Win rate',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: 'Deals won among the deals closed (won or lost) in the last 90 days.',
  windowDays: 90,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(count(*) FILTER (WHERE c.outcome = 'won')::numeric / nullif(count(*), 0), 4)
        FROM closed c WHERE c.closed_at >= ${rangeFrom} AND c.closed_at < ${rangeTo})`,
      { ctes: closedDeals(ctx) },
    ),
};
