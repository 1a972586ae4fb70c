import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
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

/**
 * One row per booked order: its lines summed (net in the order's currency, cost in the base currency),
 * written with the lines, which never change, and its deal, account and whether it counts (live, not
 * cancelled) following the order's own changes. Margins by deal, account and owner and revenue by
 * period read these instead of the lines, joined to the order only for the visibility of a caller
 * who does not see every order.
 */
export const orderSums = pgTable(
  'order_sums',
  {
    workspaceId: uuid('workspace_id').notNull(),
    orderId: uuid('order_id').notNull(),
    dealId: uuid('deal_id'),
    accountId: uuid('account_id'),
    /** live and not cancelled: the order's revenue and margin count */
    counts: boolean('counts').notNull(),
    /** the order's owner when it was booked, as on its lines */
    ownerId: uuid('owner_id'),
    /** the booking day in UTC: the day whose exchange rate converts `net` */
    day: date('day', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    net: numeric('net', { precision: 18, scale: 2, mode: 'string' }).notNull(),
    cost: numeric('cost', { precision: 22, scale: 6, mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'order_sums_pkey', columns: [t.workspaceId, t.orderId] }),
    index('order_sums_day_idx')
      .on(t.workspaceId, t.day)
      .where(sql`counts`),
    index('order_sums_account_idx')
      .on(t.workspaceId, t.accountId, t.day)
      .where(sql`counts`),
    foreignKey({
      name: 'order_sums_order_fk',
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete('cascade'),
  ],
);

/**
 * The lines of counting orders (live, not cancelled) summed per booking day, product and currency,
 * kept by the orders' write path: added when an order is booked or restored, taken away when it is
 * cancelled or deleted. Margin by product reads a few thousand of these rows instead of every line.
 */
export const orderProductDays = pgTable(
  'order_product_days',
  {
    workspaceId: uuid('workspace_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    productId: uuid('product_id').notNull(),
    currency: text('currency').notNull(),
    net: numeric('net', { precision: 18, scale: 2, mode: 'string' }).notNull(),
    cost: numeric('cost', { precision: 22, scale: 6, mode: 'string' }).notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [
    primaryKey({ name: 'order_product_days_pkey', columns: [t.workspaceId, t.day, t.productId, t.currency] }),
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
