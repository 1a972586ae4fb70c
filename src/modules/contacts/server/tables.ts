import { boolean, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';
import { accounts } from '../../accounts/server';
import { contacts } from './objects';

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
