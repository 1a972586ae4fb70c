import { sql } from 'drizzle-orm';
import { Decimal } from 'decimal.js';
import type { FieldError } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import { draftError, type Draft } from '../../../server/engine';
import { countedUnits, listPriceOf, type PriceBookEntry } from '../../catalog/contract';
import type { QuoteLine, QuoteSettings } from '../contract';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string | null;
  tax_category: string | null;
  active: boolean;
}
export interface PriceBookRow {
  id: string;
  name: string;
  currency: string;
  entries: PriceBookEntry[];
}
type LineInput = Partial<QuoteLine> & { productId: string; quantity: number; discountPercent: string };

async function productsOf(tx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, ProductRow>();
  const found = await rows<ProductRow>(
    tx,
    sql`SELECT id, sku, name, unit, tax_category, active FROM products
      WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL AND id = ANY(${`{${[...new Set(ids)].join(',')}}`}::uuid[])`,
  );
  return new Map(found.map((p) => [p.id, p]));
}

/**
 * Snapshots each line of the drafts that set lines: the product's SKU, name and unit as they are now,
 * the list price of the quote's book today where no unit price is given, and the tax rate of the
 * product's category where none is given. Answers what is wrong with a line; fills only sound ones.
 */
export async function fillLines(
  tx: Executor,
  workspaceId: string,
  work: { draft: Draft; book: PriceBookRow | null }[],
  settings: QuoteSettings,
): Promise<FieldError[]> {
  const lists = work.map(({ draft }) => (draft.changes.lines ?? []) as LineInput[]);
  const products = await productsOf(
    tx,
    workspaceId,
    lists.flat().map((l) => l.productId),
  );
  const today = new Date().toISOString().slice(0, 10);
  const errors: FieldError[] = [];
  work.forEach(({ draft, book }, i) => {
    const before = new Map(((draft.before?.lines ?? []) as QuoteLine[]).map((l) => [l.productId, l]));
    draft.changes.lines = lists[i].map((line, j): LineInput => {
      const fail = (field: string, message: string) =>
        errors.push(draftError(draft, `lines.${j}.${field}`, message));
      const product = products.get(line.productId);
      if (!product) {
        fail('productId', `no products record with id ${line.productId}`);
        return line;
      }
      // A product retired from the catalogue stays on the lines that already had it, but is not added anew.
      if (!product.active && !before.has(product.id))
        fail('productId', `${product.sku} is not an active product`);
      if (
        product.unit &&
        countedUnits.includes(product.unit.toLowerCase()) &&
        !Number.isInteger(line.quantity)
      )
        fail('quantity', `must be a whole number of ${product.unit}s`);
      let unitPrice = line.unitPrice;
      if (unitPrice === undefined) {
        const price = book && listPriceOf(book.entries, product.id, line.quantity, today);
        if (!price)
          fail(
            'unitPrice',
            `${product.sku} has no price in ${book ? `the price book "${book.name}"` : 'a price book'}; give one`,
          );
        else unitPrice = price;
      }
      const rate =
        line.taxRate ?? (product.tax_category ? settings.taxRates[product.tax_category] : undefined) ?? '0';
      return {
        productId: product.id,
        ...(line.description ? { description: line.description } : {}),
        quantity: line.quantity,
        unitPrice,
        discountPercent: new Decimal(line.discountPercent).toString(),
        taxRate: new Decimal(rate).toString(),
        sku: product.sku,
        name: product.name,
        unit: product.unit,
      };
    });
  });
  return errors;
}

/** The largest discount on any line, counting the overall discount on top of the line's own. */
export function maxDiscountPercent(lines: { discountPercent: string }[], overall: string | null | undefined) {
  const keep = new Decimal(1).minus(new Decimal(overall ?? 0).div(100));
  const effective = lines.map((l) =>
    new Decimal(100).minus(keep.times(new Decimal(100).minus(l.discountPercent))),
  );
  return Decimal.max(new Decimal(overall ?? 0), ...effective).toDecimalPlaces(4);
}
