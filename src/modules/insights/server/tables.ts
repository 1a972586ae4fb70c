import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';
import type { TrendPoint } from '../contract';

/** A workspace's insights settings; a workspace without a row has the defaults (go-live: its creation day). */
export const insightsSettings = pgTable(
  'insights_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    goLive: date('go_live', { mode: 'string' }),
    individualAdoption: boolean('individual_adoption').notNull().default(false),
    weeklyHighlight: boolean('weekly_highlight').notNull().default(false),
    stageUpdateDays: integer('stage_update_days').notNull().default(14),
  },
  (t) => [primaryKey({ name: 'insights_settings_pkey', columns: [t.workspaceId] })],
);

/** The scorecard, precomputed per workspace by a job after changes, so that reading it is one small query. */
export const scorecardTiles = pgTable(
  'scorecard_tiles',
  {
    workspaceId: uuid('workspace_id').notNull(),
    measure: text('measure').notNull(),
    value: text('value'),
    dataAvailable: boolean('data_available').notNull(),
    reason: text('reason'),
    trend: jsonb('trend')
      .$type<TrendPoint[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    computedAt: timestamptz('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'scorecard_tiles_pkey', columns: [t.workspaceId, t.measure] })],
);

/** Answers to the monthly question "How useful is Rapport for your work, 0 to 10?": one per user and month. */
export const usefulnessResponses = pgTable(
  'usefulness_responses',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    month: text('month').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    answeredAt: timestamptz('answered_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'usefulness_responses_pkey', columns: [t.workspaceId, t.id] }),
    unique('usefulness_responses_month_key').on(t.workspaceId, t.userId, t.month),
    index('usefulness_responses_at_idx').on(t.workspaceId, t.answeredAt),
  ],
);

/** What users tell the admins: about a page, or about a field that is in their way; admins give it a status. */
export const feedback = pgTable(
  'feedback',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    authorId: uuid('author_id').notNull(),
    page: text('page').notNull(),
    object: text('object'),
    field: text('field'),
    comment: text('comment').notNull(),
    status: text('status').notNull().default('new'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'feedback_pkey', columns: [t.workspaceId, t.id] }),
    index('feedback_inbox_idx').on(t.workspaceId, t.status, t.createdAt, t.id),
    index('feedback_author_idx').on(t.workspaceId, t.authorId, t.createdAt, t.id),
    index('feedback_field_idx').on(t.workspaceId, t.object, t.field),
  ],
);

/** Recognition between users for good CRM practice. */
export const kudos = pgTable(
  'kudos',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    fromUserId: uuid('from_user_id').notNull(),
    toUserId: uuid('to_user_id').notNull(),
    practice: text('practice').notNull(),
    message: text('message'),
    givenAt: timestamptz('given_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'kudos_pkey', columns: [t.workspaceId, t.id] }),
    index('kudos_given_idx').on(t.workspaceId, t.givenAt, t.id),
    index('kudos_to_idx').on(t.workspaceId, t.toUserId, t.givenAt),
  ],
);

/** Form instrumentation from the web app: fields filled and cleared, forms completed and their time. */
export const formEvents = pgTable(
  'form_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    object: text('object').notNull(),
    field: text('field'),
    kind: text('kind').notNull(),
    durationMs: integer('duration_ms'),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'form_events_pkey', columns: [t.workspaceId, t.id] }),
    index('form_events_object_idx').on(t.workspaceId, t.object, t.at),
  ],
);
