import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
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
import { timestamptz } from '../../../server/engine';
import type { MissingCriterion } from '../contract';
import { deals } from './objects';

/** Every stage a deal has been in: when it entered and left, who moved it, and what it skipped. */
export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    enteredAt: timestamptz('entered_at').notNull().defaultNow(),
    leftAt: timestamptz('left_at'),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    /** criteria an advisory pipeline let the deal skip when it left the stage */
    skipped: jsonb('skipped')
      .$type<MissingCriterion[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    primaryKey({ name: 'deal_stage_history_pkey', columns: [t.workspaceId, t.id] }),
    index('deal_stage_history_deal_idx').on(t.workspaceId, t.dealId, t.enteredAt),
    // Time in stage and conversion reports read a pipeline's history by stage and period.
    index('deal_stage_history_stage_idx').on(t.workspaceId, t.pipelineId, t.stageId, t.enteredAt),
    // Open deals' current stage and since when, for the statistical forecast.
    index('deal_stage_history_open_idx')
      .on(t.workspaceId, t.dealId, t.pipelineId, t.stageId, t.enteredAt)
      .where(sql`${t.leftAt} IS NULL`),
    foreignKey({
      name: 'deal_stage_history_deal_fk',
      columns: [t.workspaceId, t.dealId],
      foreignColumns: [deals.workspaceId, deals.id],
    }).onDelete('cascade'),
  ],
);

/** The value of one currency in the workspace's base currency from a day on: 1 currency = rate base. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    currency: text('currency').notNull(),
    baseCurrency: text('base_currency').notNull(),
    rate: numeric('rate', { precision: 24, scale: 10, mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ name: 'exchange_rates_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('exchange_rates_day_idx').on(t.workspaceId, t.currency, t.baseCurrency, t.validFrom),
  ],
);

/**
 * The board's column totals kept per pipeline, stage and owner (no owner: the zero uuid): deals, their
 * amount and weighted amount in the base currency, and deals with no rate. See `boardSumsSubscription`.
 */
export const dealBoardSums = pgTable(
  'deal_board_sums',
  {
    workspaceId: uuid('workspace_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    deals: integer('deals').notNull(),
    amount: numeric('amount', { precision: 20, scale: 2, mode: 'string' }).notNull(),
    weighted: numeric('weighted', { precision: 20, scale: 2, mode: 'string' }).notNull(),
    unconverted: integer('unconverted').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'deal_board_sums_pkey',
      columns: [t.workspaceId, t.pipelineId, t.stageId, t.ownerId],
    }),
  ],
);

export {
  dealCloseVersions,
  forecastAdjustments,
  forecastHistograms,
  forecastSettings,
  forecastSnapshots,
  quotas,
} from './forecast/tables';
