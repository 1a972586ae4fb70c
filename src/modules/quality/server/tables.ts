import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';

/** The review queue: pairs of records the scan found alike, the lower id first. */
export const duplicatePairs = pgTable(
  'duplicate_pairs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    recordA: uuid('record_a').notNull(),
    recordB: uuid('record_b').notNull(),
    score: numeric('score', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    dismissed: boolean('dismissed').notNull().default(false),
    foundAt: timestamptz('found_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'duplicate_pairs_pkey', columns: [t.workspaceId, t.object, t.recordA, t.recordB] }),
    // The queue's pages: best score first, open pairs only.
    index('duplicate_pairs_queue_idx')
      .on(t.workspaceId, t.object, t.score.desc(), t.recordA, t.recordB)
      .where(sql`NOT dismissed`),
  ],
);

/** A scan of one object of a workspace: where it is (the last record id done) and what it found. */
export const duplicateScans = pgTable(
  'duplicate_scans',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    checkpoint: uuid('checkpoint'),
    scanned: integer('scanned').notNull().default(0),
    pairs: integer('pairs').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'duplicate_scans_pkey', columns: [t.workspaceId, t.id] })],
);

/** Per workspace: how alike names must be to count as likely duplicates, how old a value may be before it is stale. */
export const qualitySettingsTable = pgTable(
  'quality_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    duplicateThreshold: real('duplicate_threshold').notNull().default(0.6),
    /** per object: months after which a field's value is shown as possibly stale (12 when unset) */
    staleAfterMonths: jsonb('stale_after_months')
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ name: 'quality_settings_pkey', columns: [t.workspaceId] })],
);

/**
 * A merge, recorded so it can be undone: the survivor's overwritten values, every related record moved
 * (object, field, record, the merged record it pointed at) and every link list as it was.
 */
export const merges = pgTable(
  'merges',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    survivorId: uuid('survivor_id').notNull(),
    mergedIds: jsonb('merged_ids').$type<string[]>().notNull(),
    survivorBefore: jsonb('survivor_before').$type<Record<string, unknown>>().notNull(),
    moves: jsonb('moves')
      .$type<{ object: string; field: string; recordId: string; from: unknown }[]>()
      .notNull(),
    /** other modules' own rows moved (by their MergeMove), with what each needs to put them back */
    rowMoves: jsonb('row_moves')
      .$type<{ name: string; count: number; undo: unknown }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    undoneAt: timestamptz('undone_at'),
  },
  (t) => [
    primaryKey({ name: 'merges_pkey', columns: [t.workspaceId, t.id] }),
    index('merges_survivor_idx').on(t.workspaceId, t.object, t.survivorId),
  ],
);

/** An admin's validation rule on one field of an object (its kind and parameters in `rule`). */
export const validationRules = pgTable(
  'validation_rules',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    field: text('field').notNull(),
    rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'validation_rules_pkey', columns: [t.workspaceId, t.id] }),
    // Every write reads its object's rules.
    index('validation_rules_object_idx').on(t.workspaceId, t.object, t.createdAt),
  ],
);

/** A delivery failure the mail capture saw for a contact's address: when and why it bounced. */
export const emailBounces = pgTable(
  'email_bounces',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    address: text('address').notNull(),
    at: timestamptz('at').notNull(),
    reason: text('reason').notNull(),
    /** the bounce message, so a message captured twice is one bounce */
    mailId: uuid('mail_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'email_bounces_pkey', columns: [t.workspaceId, t.contactId, t.mailId] }),
    // A contact's bounces, newest first, and the contacts whose email bounced.
    index('email_bounces_contact_idx').on(t.workspaceId, t.contactId, t.at),
  ],
);

/** A day's quality figures of one object of a workspace, for the trend (one row per day, rewritten on re-run). */
export const qualitySnapshots = pgTable(
  'quality_snapshots',
  {
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    records: integer('records').notNull(),
    score: real('score').notNull(),
    stale: integer('stale').notNull(),
    duplicatesWaiting: integer('duplicates_waiting').notNull(),
    /** each scored field's share of records filled */
    fields: jsonb('fields').$type<{ field: string; share: number }[]>().notNull(),
    takenAt: timestamptz('taken_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'quality_snapshots_pkey', columns: [t.workspaceId, t.object, t.day] })],
);
