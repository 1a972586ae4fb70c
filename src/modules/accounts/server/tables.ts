import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Address } from '../../../common/address';
import { recordColumns, recordIndexes } from '../../../server/engine/columns';

export const accounts = pgTable(
  'accounts',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    domain: text('domain'),
    website: text('website'),
    industry: text('industry'),
    sicCode: text('sic_code'),
    employees: integer('employees'),
    annualRevenue: numeric('annual_revenue', { precision: 18, scale: 2 }),
    currency: text('currency'),
    phone: text('phone'),
    billingAddress: jsonb('billing_address').$type<Address>(),
    shippingAddress: jsonb('shipping_address').$type<Address>(),
    parentAccountId: uuid('parent_account_id'),
    lifecycleStage: text('lifecycle_stage'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description'),
  },
  (t) => [
    ...recordIndexes('accounts', t),
    index('accounts_name_idx')
      .on(t.workspaceId, t.name, t.id)
      .where(sql`deleted_at IS NULL`),
    index('accounts_domain_idx')
      .on(t.workspaceId, t.domain)
      .where(sql`deleted_at IS NULL`),
    index('accounts_parent_idx').on(t.workspaceId, t.parentAccountId),
    foreignKey({
      name: 'accounts_parent_fk',
      columns: [t.workspaceId, t.parentAccountId],
      foreignColumns: [t.workspaceId, t.id],
    }),
  ],
);
