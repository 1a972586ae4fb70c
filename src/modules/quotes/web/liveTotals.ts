import { listPriceOf, type PriceBookEntry } from '../../catalog/contract';
import type { QuoteSettings } from '../contract';
import { quoteTotals, type QuoteTotals } from '../totals';
import type { CatalogProduct } from './api';
import type { EditedLine } from './QuoteLinesEditor';

const valid = (v: string | undefined) => v !== undefined && /^\d+(\.\d+)?$/.test(v);

/**
 * The same totals the server will compute (the shared quoteTotals), from what is on screen: a line's
 * own price, else the book's list price today. Lines not yet priced or typed wrong count as zero.
 */
export function liveTotals(
  lines: EditedLine[],
  overall: string,
  products: CatalogProduct[],
  entries: PriceBookEntry[],
  settings: QuoteSettings | undefined,
  digits: number,
): { totals: QuoteTotals; listPrices: (string | null)[] } {
  const today = new Date().toISOString().slice(0, 10);
  const listPrices = lines.map((l) =>
    l.productId ? listPriceOf(entries, l.productId, l.quantity, today) : null,
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  const totals = quoteTotals(
    lines.map((l, i) => ({
      quantity: l.quantity > 0 ? l.quantity : 0,
      unitPrice: valid(l.unitPrice) ? l.unitPrice! : (listPrices[i] ?? '0'),
      discountPercent: valid(l.discountPercent) ? l.discountPercent : '0',
      taxRate: valid(l.taxRate) ? l.taxRate : undefined,
      taxCategory: byId.get(l.productId)?.taxCategory ?? null,
    })),
    valid(overall) ? overall : '0',
    settings?.taxRates ?? {},
    digits,
  );
  return { totals, listPrices };
}
