import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';

/** A user's CalDAV calendar, synced both ways with their meetings. */
export const calendarConnections = pgTable(
  'calendar_connections',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    url: text('url').notNull(),
    username: text('username').notNull(),
    /** Sealed with the server's SecretBox; never answered. */
    password: text('password').notNull(),
    calendarUrl: text('calendar_url'),
    calendarName: text('calendar_name'),
    /** RFC 6578's token of the last pull, when the server offers sync-collection. */
    syncToken: text('sync_token'),
    /** The calendar's CTag when the server has no sync-collection: unchanged, nothing to list. */
    ctag: text('ctag'),
    lastAttemptAt: timestamptz('last_attempt_at'),
    lastSuccessAt: timestamptz('last_success_at'),
    lastError: text('last_error'),
    log: jsonb('log')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    seen: integer('seen').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    pushed: integer('pushed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Held by the run syncing the connection, so that two workers never sync it at once. */
    leaseUntil: timestamptz('lease_until'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'calendar_connections_pkey', columns: [t.workspaceId, t.id] }),
    index('calendar_connections_user_idx').on(t.workspaceId, t.userId),
  ],
);

/** One event of a connected calendar and the meeting it is, with what each side last agreed on. */
export const calendarEvents = pgTable(
  'calendar_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    connectionId: uuid('connection_id').notNull(),
    href: text('href').notNull(),
    uid: text('uid').notNull(),
    /** The server's ETag of the event as last read or written; null when it did not say. */
    etag: text('etag'),
    activityId: uuid('activity_id').notNull(),
    /** The meeting's version when the two sides last agreed: a higher one was changed in Rapport since. */
    syncedVersion: integer('synced_version').notNull(),
    /** What the event has and a meeting has no field for, written back when the meeting is pushed. */
    location: text('location'),
    keptRule: text('kept_rule'),
    /** A whole-day event: written back with dates while its meeting still covers whole days. */
    allDay: boolean('all_day').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'calendar_events_pkey', columns: [t.workspaceId, t.connectionId, t.href] }),
    uniqueIndex('calendar_events_activity_idx').on(t.workspaceId, t.activityId, t.connectionId),
    foreignKey({
      name: 'calendar_events_connection_fk',
      columns: [t.workspaceId, t.connectionId],
      foreignColumns: [calendarConnections.workspaceId, calendarConnections.id],
    }).onDelete('cascade'),
  ],
);
