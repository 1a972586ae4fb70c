import { index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { defineObject, live } from '../../../server/engine';
import { priceBookEntries } from '../contract';
import { priceBookHooks, productHooks } from './catalogRules';

/** Something the company sells, once, for every proposal to be built from. */
export const productObject = defineObject({
  name: 'products',
  label: 'Product',
  labelPlural: 'Products',
  titleField: 'name',
  subtitleField: 'sku',
  hasOwner: false,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    sku: { type: 'text', label: 'SKU', required: true, notNull: true, max: 60, example: 'SEAT-PRO' },
    name: { type: 'text', label: 'Name', required: true, notNull: true, searchable: true, max: 200 },
    description: { type: 'longtext', label: 'Description', max: 5000, placement: 'detail' },
    family: { type: 'text', label: 'Family', max: 100, example: 'Software' },
    unit: {
      type: 'text',
      label: 'Unit',
      max: 40,
      example: 'seat',
      help: 'Quantities of units counted in pieces (unit, seat, licence…) must be whole numbers.',
    },
    active: {
      type: 'boolean',
      label: 'Active',
      notNull: true,
      help: 'Only active products can be added to new quotes.',
    },
    costPrice: {
      type: 'money',
      label: 'Cost price',
      placement: 'detail',
      help: "What one unit costs the company, in the workspace's base currency; margins come from it.",
    },
    taxCategory: {
      type: 'text',
      label: 'Tax category',
      max: 60,
      placement: 'detail',
      example: 'standard',
      help: "Quotes take the line's tax rate from the workspace's rate for this category.",
    },
  },
  indexes: (t) => [
    uniqueIndex('products_sku_idx').on(t.workspaceId, t.sku).where(live),
    index('products_family_idx').on(t.workspaceId, t.family, t.name, t.id).where(live),
  ],
  hooks: productHooks,
});
export const products = productObject.table;

/** The prices of products in one currency (and segment); one standard book per currency. */
export const priceBookObject = defineObject({
  name: 'priceBooks',
  label: 'Price book',
  labelPlural: 'Price books',
  titleField: 'name',
  subtitleField: 'currency',
  hasOwner: false,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    name: { type: 'text', label: 'Name', required: true, notNull: true, searchable: true, max: 200 },
    currency: { type: 'text', label: 'Currency', required: true, notNull: true, max: 3, example: 'EUR' },
    segment: { type: 'text', label: 'Segment', max: 100, example: 'Enterprise' },
    isStandard: {
      type: 'boolean',
      label: 'Standard',
      notNull: true,
      help: "The currency's standard book: quotes in this currency use it unless the deal names another.",
    },
    active: { type: 'boolean', label: 'Active', notNull: true },
    entries: {
      type: 'json',
      label: 'Entries',
      notNull: true,
      schema: priceBookEntries,
      placement: 'detail',
      timeline: false,
    },
  },
  indexes: (t) => [
    // One standard book per currency; 409 on a second.
    uniqueIndex('price_books_standard_idx')
      .on(t.workspaceId, t.currency)
      .where(sql`is_standard AND deleted_at IS NULL`),
  ],
  hooks: priceBookHooks,
});
export const priceBooks = priceBookObject.table;
