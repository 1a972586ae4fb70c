import { sql, type SQL } from 'drizzle-orm';
import { available, closedDeals, perRange, rangeFrom, rangeTo, wonIn, type Measure } from './measure';

/**
 * Customers of the previous window (accounts with a deal won in the window of the same length before
 * the range) who bought again (won another deal) within the range, as a share of them.
 */
export const retentionSql: SQL = sql`(SELECT round(count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM closed again WHERE again.account_id = base.account_id AND again.outcome = 'won'
        AND again.closed_at >= ${rangeFrom} AND again.closed_at < ${rangeTo}))::numeric / nullif(count(*), 0), 4)
    FROM (SELECT DISTINCT c.account_id FROM closed c
      WHERE c.account_id IS NOT NULL AND ${wonIn(sql`(${rangeFrom} - (${rangeTo} - ${rangeFrom}))`, rangeFrom)}) AS base)`;

const description =
  'Customers are accounts with a won deal. Of the customers of the 365 days before the last 365 days, the share who won another deal in the last 365 days';

export const customerRetention: Measure = {
  id: 'customerRetention',
  label: 'Customer retention',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: `${description}.`,
  windowDays: 365,
  unavailable: available,
  compute: (ctx, ranges) => perRange(ctx, ranges, retentionSql, { ctes: closedDeals(ctx) }),
};

export const customerChurn: Measure = {
  id: 'customerChurn',
  label: 'Customer churn',
  unit: 'fraction',
  direction: 'lowerIsBetter',
  description: `${description}, subtracted from 1.`,
  windowDays: 365,
  unavailable: available,
  compute: (ctx, ranges) => perRange(ctx, ranges, sql`1 - ${retentionSql}`, { ctes: closedDeals(ctx) }),
};
