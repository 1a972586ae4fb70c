import { sql } from 'drizzle-orm';
import { available, perRange, rangeFrom, rangeTo, type Measure } from './measure';
import { bookedIn, bookedLines } from './orderLines';
import { retentionSql } from './retention';

/** Revenue booked in the range per customer (account with an order booked in it). */
const revenuePerCustomer = sql`sum(b.revenue) / nullif(count(DISTINCT b.account_id), 0)`;

export const observedLifetimeValue: Measure = {
  id: 'observedLifetimeValue',
  label: 'Lifetime value (observed)',
  unit: 'money',
  direction: 'higherIsBetter',
  description:
    'Revenue of orders booked to date (not cancelled) per customer (account with such an order), in the base currency.',
  windowDays: 0,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(${revenuePerCustomer}, 2) FROM booked b
        WHERE b.account_id IS NOT NULL AND ${bookedIn(rangeFrom, rangeTo)})`,
      { ctes: bookedLines(ctx), money: true },
    ),
};

/** Years a customer is expected to stay when nobody churns: a cap, so that CLV stays a finite figure. */
export const lifetimeCapYears = 10;

export const predictiveLifetimeValue: Measure = {
  id: 'predictiveLifetimeValue',
  label: 'Lifetime value (predicted)',
  unit: 'money',
  direction: 'higherIsBetter',
  description: `Average order × orders per customer in the last 365 days (their revenue per customer) × expected lifetime in years (1 / yearly churn, at most ${lifetimeCapYears}; none while churn is unknown).`,
  windowDays: 365,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(${revenuePerCustomer}
          * (SELECT CASE WHEN x.kept IS NULL THEN NULL WHEN x.kept = 1 THEN ${lifetimeCapYears}
              ELSE least(${lifetimeCapYears}, 1 / (1 - x.kept)) END FROM (SELECT ${retentionSql} AS kept) AS x), 2)
        FROM booked b WHERE b.account_id IS NOT NULL AND ${bookedIn(rangeFrom, rangeTo)})`,
      { ctes: bookedLines(ctx), money: true },
    ),
};
