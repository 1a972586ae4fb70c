import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from '../engine/columns';

/**
 * Counters of requests and failed sign-ins, shared by every server process (a reference table on
 * Citus): `hits` within the window that ends at `reset_at`; `last_at` is the latest hit. Expired rows
 * are purged by a job.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamptz('reset_at').notNull(),
    lastAt: timestamptz('last_at').notNull().defaultNow(),
  },
  (t) => [index('rate_limits_reset_idx').on(t.resetAt)],
);
