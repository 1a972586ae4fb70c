import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';
import { contacts } from '../../contacts/server';
import { auditActions, consentChannels, consentStatuses, retentionActions } from '../contract';

const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

/** Consent per contact and channel: each change is a new row, so the rows are its history. */
export const consents = pgTable(
  'consents',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    channel: text('channel').$type<(typeof consentChannels)[number]>().notNull(),
    status: text('status').$type<(typeof consentStatuses)[number]>().notNull(),
    source: text('source').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
    /** the user who recorded it; null for the system (an erasure, a retention run) */
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ name: 'consents_pkey', columns: [t.workspaceId, t.id] }),
    check('consents_channel_check', oneOf('channel', consentChannels)),
    check('consents_status_check', oneOf('status', consentStatuses)),
    // A contact's consents newest first; the current one per channel is the first of its channel.
    index('consents_contact_idx').on(t.workspaceId, t.contactId, t.id),
    foreignKey({
      name: 'consents_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete('cascade'),
  ],
);

/** Every privacy action (consent, export, erasure, retention), in the transaction of the action. */
export const privacyAudit = pgTable(
  'privacy_audit',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').$type<(typeof auditActions)[number]>().notNull(),
    contactId: uuid('contact_id'),
    /** what was done, never the person's data */
    detail: jsonb('detail')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ name: 'privacy_audit_pkey', columns: [t.workspaceId, t.id] }),
    check('privacy_audit_action_check', oneOf('action', auditActions)),
    // The log's pages are newest first by id (UUIDv7); a contact's entries tell whether it was erased.
    index('privacy_audit_contact_idx').on(t.workspaceId, t.contactId, t.action),
  ],
);

export const privacySettingsTable = pgTable(
  'privacy_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    retentionYears: integer('retention_years'),
    retentionAction: text('retention_action')
      .$type<(typeof retentionActions)[number]>()
      .notNull()
      .default('flag'),
  },
  (t) => [primaryKey({ name: 'privacy_settings_pkey', columns: [t.workspaceId] })],
);

/** Contacts the daily retention run found past the retention period, for an admin to review. */
export const retentionFlags = pgTable(
  'retention_flags',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    flaggedAt: timestamptz('flagged_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'retention_flags_pkey', columns: [t.workspaceId, t.contactId] }),
    foreignKey({
      name: 'retention_flags_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete('cascade'),
  ],
);
