import { sql } from 'drizzle-orm';
import { foreignKey, index, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';
import { orders } from './objects';

/**
 * An order's lines as booked, with the product's cost price at that moment (in the base currency):
 * margins by deal, account, product and owner are sums over these rows.
 */
export const orderLines = pgTable(
  'order_lines',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    productId: uuid('product_id').notNull(),
    dealId: uuid('deal_id'),
    accountId: uuid('account_id'),
    ownerId: uuid('owner_id'),
    quantity: numeric('quantity', { precision: 18, scale: 4, mode: 'string' }).notNull(),
    /** the line's amount after discounts, before tax, in `currency` */
    net: numeric('net', { precision: 18, scale: 2, mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    /** one unit's cost in the workspace's base currency, when the product had one */
    unitCost: numeric('unit_cost', { precision: 18, scale: 2, mode: 'string' }),
    bookedAt: timestamptz('booked_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'order_lines_pkey', columns: [t.workspaceId, t.id] }),
    index('order_lines_order_idx').on(t.workspaceId, t.orderId),
    index('order_lines_booked_idx').on(t.workspaceId, t.bookedAt),
    index('order_lines_product_idx').on(t.workspaceId, t.productId, t.bookedAt),
    foreignKey({
      name: 'order_lines_order_fk',
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete('cascade'),
  ],
);

/** Who is told of every move of an order (one row per workspace; nobody until an admin says). */
export const orderSettingsTable = pgTable('order_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  notifyUserIds: uuid('notify_user_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
});

/** In-app notices of order moves for the provisioning and support people. */
export const orderNotifications = pgTable(
  'order_notifications',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    orderId: uuid('order_id').notNull(),
    accountId: uuid('account_id'),
    title: text('title').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    primaryKey({ name: 'order_notifications_pkey', columns: [t.workspaceId, t.id] }),
    index('order_notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt),
    foreignKey({
      name: 'order_notifications_order_fk',
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete('cascade'),
  ],
);
