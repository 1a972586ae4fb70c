import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../engine/columns';

export const recordEventTypes = ['created', 'updated', 'deleted', 'restored', 'merged', 'imported'] as const;
export type RecordEventType = (typeof recordEventTypes)[number];

/**
 * The outbox: one row per committed change of a record, written in the change's own transaction.
 * `dispatched_at` is set when the dispatcher has handed the event to its subscribers' queues.
 */
export const recordEvents = pgTable(
  'record_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    recordId: uuid('record_id').notNull(),
    type: text('type').$type<RecordEventType>().notNull(),
    fields: text('fields').array().notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    /** The user behind the change (an API key's owner too), for usage; null for the system. */
    userId: uuid('user_id'),
    source: text('source').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    dispatchedAt: timestamptz('dispatched_at'),
  },
  (t) => [
    primaryKey({ name: 'record_events_pkey', columns: [t.workspaceId, t.id] }),
    index('record_events_pending_idx')
      .on(t.workspaceId, t.id)
      .where(sql`dispatched_at IS NULL`),
  ],
);
