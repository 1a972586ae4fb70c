import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, recordIndexes, timestamptz } from '../../../server/engine/columns';
import { accounts } from '../../accounts/server';

export const contacts = pgTable(
  'contacts',
  {
    ...recordColumns(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    title: text('title'),
    email: text('email'),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    phone: text('phone'),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    accountId: uuid('account_id'),
    birthday: date('birthday', { mode: 'string' }),
    preferredChannel: text('preferred_channel'),
    lifecycleStage: text('lifecycle_stage'),
    notes: text('notes'),
  },
  (t) => [
    ...recordIndexes('contacts', t),
    index('contacts_name_idx')
      .on(t.workspaceId, t.lastName, t.firstName, t.id)
      .where(sql`deleted_at IS NULL`),
    index('contacts_email_idx')
      .on(t.workspaceId, t.email)
      .where(sql`deleted_at IS NULL`),
    index('contacts_phone_idx')
      .on(t.workspaceId, t.phone)
      .where(sql`deleted_at IS NULL`),
    index('contacts_account_idx')
      .on(t.workspaceId, t.accountId, t.id)
      .where(sql`deleted_at IS NULL`),
    // Aggregates grouped by stage read only this index; the owner lets it apply visibility too.
    index('contacts_lifecycle_idx')
      .on(t.workspaceId, t.lifecycleStage, t.ownerId)
      .where(sql`deleted_at IS NULL`),
    foreignKey({
      name: 'contacts_account_fk',
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
  ],
);

/** A contact's relationships with accounts: role, primary flag, and when it began and ended. */
export const contactAccounts = pgTable(
  'contact_accounts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    accountId: uuid('account_id').notNull(),
    role: text('role'),
    isPrimary: boolean('is_primary').notNull().default(false),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    endedAt: timestamptz('ended_at'),
  },
  (t) => [
    primaryKey({ name: 'contact_accounts_pkey', columns: [t.workspaceId, t.id] }),
    index('contact_accounts_account_idx').on(t.workspaceId, t.accountId),
    index('contact_accounts_contact_idx').on(t.workspaceId, t.contactId),
    foreignKey({
      name: 'contact_accounts_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    foreignKey({
      name: 'contact_accounts_account_fk',
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
  ],
);
