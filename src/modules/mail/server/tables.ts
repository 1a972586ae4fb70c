import { sql } from 'drizzle-orm';
import {
  bigint,
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
import type { MailAddress, MailPrivacy } from '../contract';

/** A workspace's mail: its inbound address token, what captured mail shares, and its outgoing SMTP server. */
export const mailSettings = pgTable(
  'mail_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** The local part of the inbound address; random, so the address cannot be guessed. */
    inboundToken: text('inbound_token').notNull(),
    privacy: text('privacy').$type<MailPrivacy>().notNull().default('body'),
    smtpHost: text('smtp_host'),
    smtpPort: integer('smtp_port'),
    smtpSecure: boolean('smtp_secure').notNull().default(false),
    smtpUser: text('smtp_user'),
    /** Sealed with the server's SecretBox; never answered. */
    smtpPassword: text('smtp_password'),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'mail_settings_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('mail_settings_workspace_idx').on(t.workspaceId),
    // The listener finds the workspace of a recipient address by its token.
    index('mail_settings_token_idx').on(t.inboundToken),
  ],
);

/** A user's own mailbox, synced over IMAP by UID. */
export const mailboxes = pgTable(
  'mailboxes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    secure: boolean('secure').notNull(),
    username: text('username').notNull(),
    password: text('password').notNull(),
    folder: text('folder').notNull().default('INBOX'),
    privacy: text('privacy').$type<MailPrivacy>().notNull().default('body'),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    lastAttemptAt: timestamptz('last_attempt_at'),
    lastSuccessAt: timestamptz('last_success_at'),
    lastError: text('last_error'),
    seen: integer('seen').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** When the owner was last told the mailbox stopped syncing; cleared by the next success. */
    alertedAt: timestamptz('alerted_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'mailboxes_pkey', columns: [t.workspaceId, t.id] }),
    index('mailboxes_user_idx').on(t.workspaceId, t.userId),
    // The hourly check looks for mailboxes without a recent success.
    index('mailboxes_success_idx').on(t.lastSuccessAt),
  ],
);

export const mailStatuses = ['imported', 'review', 'dismissed'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Every message captured or sent, once per Message-ID: what threads, dedups and waits for review. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    messageId: text('message_id').notNull(),
    /** The id of the first message of the thread (this one's when it starts one). */
    threadId: uuid('thread_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    source: text('source').$type<'smtp' | 'imap' | 'sent'>().notNull(),
    mailboxId: uuid('mailbox_id'),
    direction: text('direction').$type<'inbound' | 'outbound'>().notNull(),
    fromAddress: jsonb('from_address').$type<MailAddress | null>(),
    toAddresses: jsonb('to_addresses').$type<MailAddress[]>().notNull(),
    ccAddresses: jsonb('cc_addresses').$type<MailAddress[]>().notNull(),
    subject: text('subject'),
    /** Kept only as far as the source's privacy allows; the HTML is sanitised. */
    bodyText: text('body_text'),
    bodyHtml: text('body_html'),
    privacy: text('privacy').$type<MailPrivacy>().notNull(),
    sentAt: timestamptz('sent_at'),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    status: text('status').$type<MailStatus>().notNull(),
    /** Why it could be read only in part (broken MIME), shown in review. */
    problem: text('problem'),
    activityId: uuid('activity_id'),
  },
  (t) => [
    primaryKey({ name: 'mail_messages_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('mail_messages_message_id_idx').on(t.workspaceId, t.messageId),
    index('mail_messages_review_idx')
      .on(t.workspaceId, t.receivedAt, t.id)
      .where(sql`status = 'review'`),
    index('mail_messages_activity_idx').on(t.workspaceId, t.activityId),
    // A mailbox's health counts what of it waits for review.
    index('mail_messages_mailbox_idx').on(t.workspaceId, t.mailboxId, t.status),
  ],
);

/** A file that came with a message, kept in the file store under `storageKey`. */
export const mailAttachments = pgTable(
  'mail_attachments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    mailId: uuid('mail_id').notNull(),
    filename: text('filename').notNull(),
    /** What the sender said it is; `contentType` is what its bytes are. */
    declaredType: text('declared_type'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
  },
  (t) => [
    primaryKey({ name: 'mail_attachments_pkey', columns: [t.workspaceId, t.id] }),
    index('mail_attachments_mail_idx').on(t.workspaceId, t.mailId),
    foreignKey({
      name: 'mail_attachments_mail_fk',
      columns: [t.workspaceId, t.mailId],
      foreignColumns: [mailMessages.workspaceId, mailMessages.id],
    }).onDelete('cascade'),
  ],
);

/** Email templates of a workspace, with merge fields like `{{contact.firstName}}`. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    bodyFormat: text('body_format').$type<'text' | 'html'>().notNull().default('text'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'email_templates_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('email_templates_name_idx').on(t.workspaceId, t.name),
  ],
);
