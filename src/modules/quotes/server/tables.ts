import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';
import { quotes } from './objects';

/** The last quote number of each workspace; updated in the quote's write transaction, so numbers have no gaps. */
export const quoteCounters = pgTable('quote_counters', {
  workspaceId: uuid('workspace_id').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

/** A workspace's quoting rules (one row; defaults when absent). */
export const quoteSettingsTable = pgTable('quote_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  approvalDiscountPercent: numeric('approval_discount_percent', { precision: 7, scale: 4, mode: 'string' }),
  taxRates: jsonb('tax_rates')
    .$type<Record<string, string>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  companyName: text('company_name'),
  companyAddress: text('company_address'),
  terms: text('terms'),
  validityDays: integer('validity_days').notNull().default(30),
  logoBase64: text('logo_base64'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** Every approval request and decision on a quote, with its comment: who, when, at what discount. */
export const quoteApprovals = pgTable(
  'quote_approvals',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    quoteId: uuid('quote_id').notNull(),
    decision: text('decision').notNull(),
    comment: text('comment'),
    maxDiscountPercent: numeric('max_discount_percent', { precision: 9, scale: 4, mode: 'string' }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'quote_approvals_pkey', columns: [t.workspaceId, t.id] }),
    index('quote_approvals_quote_idx').on(t.workspaceId, t.quoteId, t.at),
    foreignKey({
      name: 'quote_approvals_quote_fk',
      columns: [t.workspaceId, t.quoteId],
      foreignColumns: [quotes.workspaceId, quotes.id],
    }).onDelete('cascade'),
  ],
);

/** Customer links: only the token's hash is kept; acceptance answers are on the quote itself. */
export const quoteLinks = pgTable(
  'quote_links',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    quoteId: uuid('quote_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ name: 'quote_links_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('quote_links_token_ws_idx').on(t.workspaceId, t.tokenHash),
    // A customer's request carries no workspace: the hash alone finds the link.
    index('quote_links_token_idx').on(t.tokenHash),
    foreignKey({
      name: 'quote_links_quote_fk',
      columns: [t.workspaceId, t.quoteId],
      foreignColumns: [quotes.workspaceId, quotes.id],
    }).onDelete('cascade'),
  ],
);
