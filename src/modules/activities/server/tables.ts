import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { timestamptz } from '../../../server/engine';
import { activities } from './objects';

/**
 * One row per link of a live activity, at the time it sits at on timelines: "activities of record X,
 * newest first" is one index range scan, whatever the number of activities, and so is "... on channel
 * Y" (the channel kept lower-cased, as the timeline's filter compares it).
 */
export const activityLinks = pgTable(
  'activity_links',
  {
    workspaceId: uuid('workspace_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    object: text('object').notNull(),
    recordId: uuid('record_id').notNull(),
    at: timestamptz('at').notNull(),
    type: text('type').notNull(),
    channel: text('channel'),
  },
  (t) => [
    primaryKey({ name: 'activity_links_pkey', columns: [t.workspaceId, t.activityId, t.object, t.recordId] }),
    index('activity_links_record_idx').on(t.workspaceId, t.object, t.recordId, t.at, t.activityId),
    index('activity_links_channel_idx')
      .on(t.workspaceId, t.object, t.recordId, t.channel, t.at, t.activityId)
      .where(sql`${t.channel} IS NOT NULL`),
    foreignKey({
      name: 'activity_links_activity_fk',
      columns: [t.workspaceId, t.activityId],
      foreignColumns: [activities.workspaceId, activities.id],
    }).onDelete('cascade'),
  ],
);

/**
 * What a user is told (a reminder that fired), kept so that one who was offline sees it on return.
 * `dedupeKey` makes delivery exactly once: a job that runs twice inserts the same key twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    activityId: uuid('activity_id'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    primaryKey({ name: 'notifications_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('notifications_dedupe_idx').on(t.workspaceId, t.dedupeKey),
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.id),
  ],
);

/** A user's private calendar feed: its token is never stored, only its hash (to find the feed) and a salt. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** random; the token is the server key's HMAC of it, so the database alone cannot open the feed */
    salt: text('salt').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'calendar_feeds_pkey', columns: [t.workspaceId, t.userId] }),
    uniqueIndex('calendar_feeds_token_idx').on(t.workspaceId, t.tokenHash),
  ],
);

/**
 * Who asked for their day by email each morning: at `hour` in `time_zone`; `last_sent_on` (their
 * local date) keeps it to one a day across restarts.
 */
export const dailyDigests = pgTable(
  'daily_digests',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    timeZone: text('time_zone').notNull(),
    hour: integer('hour').notNull().default(7),
    lastSentOn: date('last_sent_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ name: 'daily_digests_pkey', columns: [t.workspaceId, t.userId] })],
);

/**
 * A file attached to an activity, kept in the file store under `storageKey`. `contentType` is what the
 * first bytes are (sniffed), `declaredType` what the uploader's browser said.
 */
export const activityAttachments = pgTable(
  'activity_attachments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    activityId: uuid('activity_id').notNull(),
    fileName: text('file_name').notNull(),
    declaredType: text('declared_type'),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'activity_attachments_pkey', columns: [t.workspaceId, t.id] }),
    index('activity_attachments_activity_idx').on(t.workspaceId, t.activityId, t.createdAt, t.id),
    foreignKey({
      name: 'activity_attachments_activity_fk',
      columns: [t.workspaceId, t.activityId],
      foreignColumns: [activities.workspaceId, activities.id],
    }).onDelete('cascade'),
  ],
);

/**
 * When the company first touched a record: its earliest activity, or the earliest change of its
 * lifecycle stage (`at`), and for an account the earliest of its own and its live people's
 * (`peopleAt`). Kept in the write's transaction by every write of activities, and of accounts and
 * contacts that changes a stage, a contact's account or whether it is live; prospect to payment reads
 * one row per won deal and account instead of probing every person's activities and history.
 */
export const firstTouches = pgTable(
  'first_touches',
  {
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    recordId: uuid('record_id').notNull(),
    at: timestamptz('at'),
    peopleAt: timestamptz('people_at'),
  },
  (t) => [primaryKey({ name: 'first_touches_pkey', columns: [t.workspaceId, t.object, t.recordId] })],
);
