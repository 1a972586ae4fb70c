import { sql } from 'drizzle-orm';
import { index, uniqueIndex } from 'drizzle-orm/pg-core';
import { defineObject, live } from '../../../server/engine';
import { deals } from '../../deals/server';
import { priceBooks, products } from '../../catalog/server';
import { quoteLines, quoteStatuses, quoteStatusLabels } from '../contract';
import { dealLineItemHooks } from './dealLineItems';
import { quoteHooks } from './quoteRules';

const amount = (label: string, help: string) =>
  ({ type: 'money', label, readOnly: true, group: 'Totals', help }) as const;

/** A priced proposal for a deal: numbered per workspace, revised as new versions, accepted by the customer. */
export const quoteObject = defineObject({
  name: 'quotes',
  label: 'Quote',
  labelPlural: 'Quotes',
  titleField: 'title',
  subtitleField: 'total',
  hasOwner: true,
  defaultVisibility: 'team',
  defaultSort: '-number',
  fields: {
    title: { type: 'text', label: 'Title', searchable: true, readOnly: true, max: 400, group: 'Quote' },
    dealId: { type: 'reference', label: 'Deal', reference: 'deals', required: true, group: 'Quote' },
    accountId: { type: 'reference', label: 'Account', reference: 'accounts', readOnly: true, group: 'Quote' },
    priceBookId: {
      type: 'reference',
      label: 'Price book',
      reference: 'priceBooks',
      group: 'Quote',
      help: "The standard book of the quote's currency when not given.",
    },
    number: { type: 'integer', label: 'Number', readOnly: true, group: 'Quote' },
    revision: {
      type: 'integer',
      label: 'Version',
      readOnly: true,
      group: 'Quote',
      help: 'A revision is a new version; older versions are kept read-only.',
    },
    previousId: {
      type: 'reference',
      label: 'Previous version',
      reference: 'quotes',
      placement: 'detail',
      help: 'Given when creating: the new quote is the next version of this one, with its lines and prices.',
    },
    status: {
      type: 'select',
      label: 'Status',
      notNull: true,
      options: quoteStatuses.map((value) => ({ value, label: quoteStatusLabels[value] })),
      group: 'Quote',
    },
    currency: {
      type: 'text',
      label: 'Currency',
      max: 3,
      group: 'Quote',
      help: "The deal's currency when not given.",
    },
    validUntil: { type: 'date', label: 'Valid until', group: 'Quote' },
    terms: { type: 'longtext', label: 'Terms', max: 10_000, placement: 'detail', group: 'Quote' },
    lines: {
      type: 'json',
      label: 'Lines',
      notNull: true,
      schema: quoteLines,
      help: "The deal's line items, priced from the price book, when not given on creation.",
      placement: 'detail',
      timeline: false,
      group: 'Lines',
    },
    overallDiscountPercent: {
      type: 'number',
      label: 'Overall discount (%)',
      precision: 7,
      scale: 4,
      group: 'Lines',
      placement: 'detail',
    },
    subtotal: amount('Subtotal', 'Quantities times unit prices, before discounts and tax.'),
    discountTotal: amount('Discounts', 'Line and overall discounts.'),
    taxTotal: amount('Tax', 'Tax on each line after its discounts.'),
    total: amount('Total', 'Subtotal less discounts plus tax.'),
    approvalComment: {
      type: 'text',
      label: 'Approval comment',
      max: 2000,
      placement: 'detail',
      group: 'Approval',
      help: 'Why a discount is asked for, approved or rejected; kept with the decision.',
    },
    sentAt: { type: 'datetime', label: 'Sent at', readOnly: true, placement: 'detail', group: 'Customer' },
    acceptedByName: {
      type: 'text',
      label: 'Accepted by',
      readOnly: true,
      placement: 'detail',
      group: 'Customer',
    },
    acceptedAt: {
      type: 'datetime',
      label: 'Accepted at',
      readOnly: true,
      placement: 'detail',
      group: 'Customer',
    },
    acceptedIp: {
      type: 'text',
      label: 'Accepted from',
      readOnly: true,
      placement: 'detail',
      group: 'Customer',
    },
    declinedByName: {
      type: 'text',
      label: 'Declined by',
      readOnly: true,
      placement: 'detail',
      group: 'Customer',
    },
    declinedAt: {
      type: 'datetime',
      label: 'Declined at',
      readOnly: true,
      placement: 'detail',
      group: 'Customer',
    },
  },
  indexes: (t) => [
    uniqueIndex('quotes_number_idx').on(t.workspaceId, t.number, t.revision).where(live),
    index('quotes_deal_idx').on(t.workspaceId, t.dealId, t.id).where(live),
    // The approval inbox and the status lists.
    index('quotes_status_idx').on(t.workspaceId, t.status, t.updatedAt).where(live),
    // The hourly expiry: a workspace's sent quotes by validity date.
    index('quotes_expiry_idx')
      .on(t.workspaceId, t.validUntil)
      .where(sql`deleted_at IS NULL AND status = 'sent'`),
  ],
  foreignKeys: {
    quotes_deal_fk: { field: 'dealId', table: () => deals },
    quotes_price_book_fk: { field: 'priceBookId', table: () => priceBooks },
  },
  hooks: quoteHooks,
});
export const quotes = quoteObject.table;

/** Products on a deal: quantity, price from the standard book of the deal's currency, discount. */
export const dealLineItemObject = defineObject({
  name: 'dealLineItems',
  label: 'Deal line item',
  labelPlural: 'Deal line items',
  titleField: 'description',
  subtitleField: 'net',
  hasOwner: false,
  defaultVisibility: 'workspace',
  defaultSort: 'createdAt',
  fields: {
    dealId: { type: 'reference', label: 'Deal', reference: 'deals', required: true, notNull: true },
    productId: { type: 'reference', label: 'Product', reference: 'products', required: true, notNull: true },
    description: { type: 'text', label: 'Description', max: 500 },
    quantity: { type: 'number', label: 'Quantity', required: true, precision: 18, scale: 4 },
    unitPrice: { type: 'money', label: 'Unit price', help: "The standard book's list price when not given." },
    discountPercent: { type: 'number', label: 'Discount (%)', precision: 7, scale: 4 },
    net: { type: 'money', label: 'Net amount', readOnly: true },
  },
  indexes: (t) => [index('deal_line_items_deal_idx').on(t.workspaceId, t.dealId).where(live)],
  foreignKeys: {
    deal_line_items_deal_fk: { field: 'dealId', table: () => deals },
    deal_line_items_product_fk: { field: 'productId', table: () => products },
  },
  hooks: dealLineItemHooks,
});
export const dealLineItems = dealLineItemObject.table;
