import { boolean, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';

/** Whether phones may change contacts over CardDAV (two-way) or only read them; one row per workspace, absent means read-only. */
export const addressBookSettings = pgTable(
  'address_book_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    twoWay: boolean('two_way').notNull().default(false),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ name: 'address_book_settings_pkey', columns: [t.workspaceId] })],
);

/**
 * The file name a phone chose for a contact it created (`<its own uuid>.vcf`): the contact keeps
 * that name in every address book, so the phone recognises its card instead of seeing a second one.
 * Contacts made in Rapport are named `<contact id>.vcf` and have no row here.
 */
export const addressBookCardNames = pgTable(
  'address_book_card_names',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    name: text('name').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'address_book_card_names_pkey', columns: [t.workspaceId, t.contactId] }),
    uniqueIndex('address_book_card_names_name_idx').on(t.workspaceId, t.name),
  ],
);
