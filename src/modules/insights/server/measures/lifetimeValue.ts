import { sql } from 'drizzle-orm';
import { available, closedDeals, perRange, rangeFrom, rangeTo, wonIn, type Measure } from './measure';
import { retentionSql } from './retention';

export const observedLifetimeValue: Measure = {
  id: 'observedLifetimeValue',
  label: 'Lifetime value (observed)',
  unit: 'money',
  direction: 'higherIsBetter',
  description: 'Won revenue to date per customer (account with a won deal), in the base currency.',
  windowDays: 0,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(sum(c.amount_base) / nullif(count(DISTINCT c.account_id), 0), 2)
        FROM closed c WHERE c.account_id IS NOT NULL AND ${wonIn(rangeFrom, rangeTo)})`,
      { ctes: closedDeals(ctx), money: true },
    ),
};

/** Years a customer is expected to stay when nobody churns: a cap, so that CLV stays a finite figure. */
export const lifetimeCapYears = 10;

export const predictiveLifetimeValue: Measure = {
  id: 'predictiveLifetimeValue',
  label: 'Lifetime value (predicted)',
  unit: 'money',
  direction: 'higherIsBetter',
  description: `Average won deal × deals won per customer in the last 365 days × expected lifetime in years (1 / yearly churn, at most ${lifetimeCapYears}; none while churn is unknown).`,
  windowDays: 365,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(avg(c.amount_base) * (count(*)::numeric / nullif(count(DISTINCT c.account_id), 0))
          * (SELECT CASE WHEN x.kept IS NULL THEN NULL WHEN x.kept = 1 THEN ${lifetimeCapYears}
              ELSE least(${lifetimeCapYears}, 1 / (1 - x.kept)) END FROM (SELECT ${retentionSql} AS kept) AS x), 2)
        FROM closed c WHERE c.account_id IS NOT NULL AND ${wonIn(rangeFrom, rangeTo)})`,
      { ctes: closedDeals(ctx), money: true },
    ),
};
