import { sql, type SQL } from 'drizzle-orm';
import { available, perRange, rangeFrom, rangeTo, type Measure } from './measure';
import { bookedIn, bookedLines } from './orderLines';

/**
 * Customers of the previous window (accounts with an order booked in the window of the same length
 * before the range) who ordered again within the range, as a share of them.
 */
export const retentionSql: SQL = sql`(SELECT round(count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM booked again WHERE again.account_id = base.account_id
        AND again.booked_at >= ${rangeFrom} AND again.booked_at < ${rangeTo}))::numeric / nullif(count(*), 0), 4)
    FROM (SELECT DISTINCT b.account_id FROM booked b
      WHERE b.account_id IS NOT NULL AND ${bookedIn(sql`(${rangeFrom} - (${rangeTo} - ${rangeFrom}))`, rangeFrom)}) AS base)`;

const description =
  'Customers are accounts with an order booked (not cancelled). Of the customers of the 365 days before the last 365 days, the share who ordered again in the last 365 days';

export const customerRetention: Measure = {
  id: 'customerRetention',
  label: 'Customer retention',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: `${description}.`,
  windowDays: 365,
  unavailable: available,
  compute: (ctx, ranges) => perRange(ctx, ranges, retentionSql, { ctes: bookedLines(ctx) }),
};

export const customerChurn: Measure = {
  id: 'customerChurn',
  label: 'Customer churn',
  unit: 'fraction',
  direction: 'lowerIsBetter',
  description: `${description}, subtracted from 1.`,
  windowDays: 365,
  unavailable: available,
  compute: (ctx, ranges) => perRange(ctx, ranges, sql`1 - ${retentionSql}`, { ctes: bookedLines(ctx) }),
};
