import { index, uniqueIndex } from 'drizzle-orm/pg-core';
import { defineObject, live } from '../../../server/engine';
import { quotes } from '../../quotes/server';
import { orderStatuses, orderStatusLabels, payments } from '../contract';
import { orderHooks } from './orderRules';

const moment = (label: string) =>
  ({ type: 'datetime', label, readOnly: true, placement: 'detail', group: 'Dates' }) as const;

/** What an accepted quote becomes: delivered, invoiced and paid, one order per quote. */
export const orderObject = defineObject({
  name: 'orders',
  label: 'Order',
  labelPlural: 'Orders',
  titleField: 'title',
  subtitleField: 'total',
  hasOwner: true,
  defaultVisibility: 'team',
  defaultSort: '-bookedAt',
  fields: {
    title: { type: 'text', label: 'Title', readOnly: true, searchable: true, max: 400, group: 'Order' },
    quoteId: { type: 'reference', label: 'Quote', reference: 'quotes', required: true, group: 'Order' },
    accountId: { type: 'reference', label: 'Account', reference: 'accounts', readOnly: true, group: 'Order' },
    dealId: { type: 'reference', label: 'Deal', reference: 'deals', readOnly: true, group: 'Order' },
    status: {
      type: 'select',
      label: 'Status',
      notNull: true,
      options: orderStatuses.map((value) => ({ value, label: orderStatusLabels[value] })),
      group: 'Order',
      help: 'Paid by itself once the payments cover the total.',
    },
    total: { type: 'money', label: 'Total', readOnly: true, group: 'Order' },
    currency: { type: 'text', label: 'Currency', readOnly: true, max: 3, group: 'Order' },
    payments: {
      type: 'json',
      label: 'Payments',
      notNull: true,
      schema: payments,
      placement: 'detail',
      group: 'Payments',
    },
    paidTotal: { type: 'money', label: 'Paid', readOnly: true, group: 'Payments' },
    revenueInBase: {
      type: 'money',
      label: 'Revenue (base currency)',
      readOnly: true,
      inBaseCurrency: true,
      placement: 'detail',
      group: 'Margin',
      help: "The lines' net amounts (before tax) in the workspace's base currency, at the rate of the booking day.",
    },
    marginInBase: {
      type: 'money',
      label: 'Margin (base currency)',
      readOnly: true,
      inBaseCurrency: true,
      placement: 'detail',
      group: 'Margin',
      help: 'Revenue (base currency) less the quantities times the products’ cost prices when booked.',
      derivedFrom: [{ object: 'products', field: 'costPrice' }],
    },
    bookedAt: { ...moment('Booked at'), placement: 'list' },
    provisioningAt: moment('Provisioning from'),
    fulfilledAt: moment('Fulfilled at'),
    invoicedAt: moment('Invoiced at'),
    paidAt: moment('Paid at'),
    cancelledAt: moment('Cancelled at'),
  },
  indexes: (t) => [
    uniqueIndex('orders_quote_idx').on(t.workspaceId, t.quoteId).where(live),
    index('orders_status_idx').on(t.workspaceId, t.status, t.bookedAt).where(live),
    index('orders_account_idx').on(t.workspaceId, t.accountId, t.bookedAt).where(live),
    // Prospect to payment: each won deal's first order, with its status and payment, from this index alone.
    index('orders_deal_idx').on(t.workspaceId, t.dealId, t.bookedAt, t.id, t.status, t.paidAt).where(live),
    index('orders_booked_idx').on(t.workspaceId, t.bookedAt, t.id).where(live),
  ],
  foreignKeys: { orders_quote_fk: { field: 'quoteId', table: () => quotes } },
  hooks: orderHooks,
});
export const orders = orderObject.table;
