import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { timestamptz } from '../../../../server/engine';

const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'string' });

/** A workspace's forecast settings: the month its fiscal year starts (1 = January). */
export const forecastSettings = pgTable(
  'forecast_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    fiscalYearStartMonth: integer('fiscal_year_start_month').notNull().default(1),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'forecast_settings_pkey', columns: [t.workspaceId] }),
    check('forecast_settings_month_check', sql`${t.fiscalYearStartMonth} BETWEEN 1 AND 12`),
  ],
);

/** What a user or a team is expected to close in a period (`2026-Q4` or `2026-11`), in the base currency. */
export const quotas = pgTable(
  'quotas',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    period: text('period').notNull(),
    /** `owner` (a user) or `team` */
    subject: text('subject').$type<'owner' | 'team'>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ name: 'quotas_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('quotas_subject_idx').on(t.workspaceId, t.period, t.subject, t.subjectId),
  ],
);

/** A manager's correction of a forecast figure, with who made it and why; the latest per row counts. */
export const forecastAdjustments = pgTable(
  'forecast_adjustments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    period: text('period').notNull(),
    groupBy: text('group_by').$type<'owner' | 'team'>().notNull(),
    key: text('key').notNull(),
    category: text('category').notNull(),
    amount: money('amount').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'forecast_adjustments_pkey', columns: [t.workspaceId, t.id] }),
    index('forecast_adjustments_period_idx').on(t.workspaceId, t.period, t.groupBy, t.key, t.createdAt),
  ],
);

/** Every forecast row as it stood in a week (its Monday), kept to measure forecast accuracy later. */
export const forecastSnapshots = pgTable(
  'forecast_snapshots',
  {
    workspaceId: uuid('workspace_id').notNull(),
    week: date('week', { mode: 'string' }).notNull(),
    period: text('period').notNull(),
    groupBy: text('group_by').$type<'owner' | 'team'>().notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    quota: money('quota'),
    closedWon: money('closed_won').notNull(),
    commit: money('commit').notNull(),
    bestCase: money('best_case').notNull(),
    pipeline: money('pipeline').notNull(),
    weighted: money('weighted').notNull(),
    takenAt: timestamptz('taken_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({
      name: 'forecast_snapshots_pkey',
      columns: [t.workspaceId, t.period, t.groupBy, t.week, t.key],
    }),
  ],
);

/**
 * The statistical forecast's stage histograms of a day (see `stageHistograms`), kept with the
 * workspace's close version they were built at, so they are built again only when it moves.
 */
export const forecastHistograms = pgTable(
  'forecast_histograms',
  {
    workspaceId: uuid('workspace_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    closeVersion: integer('close_version').notNull(),
    stages: jsonb('stages').notNull(),
    computedAt: timestamptz('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'forecast_histograms_pkey', columns: [t.workspaceId, t.day] })],
);

/** A workspace's count of changes to which deals are closed: the statistical forecast's histograms are kept until it moves. */
export const dealCloseVersions = pgTable('deal_close_versions', {
  workspaceId: uuid('workspace_id').primaryKey(),
  version: integer('version').notNull().default(0),
});
