import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  draftError,
  draftRecord,
  type HookScope,
  type ObjectHooks,
  type WrittenRecord,
} from '../../../server/engine';
import { countedUnits, listPriceOf, type PriceBookEntry } from '../../catalog/contract';
import { minorUnitDigits } from '../../deals/contract';

interface PricingRow {
  deal_id: string;
  currency: string;
  product_id: string;
  unit: string | null;
  entries: PriceBookEntry[] | null;
}

/** The deal's currency, the product's unit, and the standard book of that currency, for each draft. */
async function pricing(scope: HookScope, pairs: { dealId: string; productId: string }[]) {
  if (pairs.length === 0) return [];
  const values = sql.join(
    pairs.map((p) => sql`(${p.dealId}::uuid, ${p.productId}::uuid)`),
    sql`, `,
  );
  return rows<PricingRow>(
    scope.tx,
    sql`SELECT v.deal_id, d.currency, v.product_id, p.unit, b.entries
      FROM (VALUES ${values}) AS v(deal_id, product_id)
      JOIN deals d ON d.workspace_id = ${scope.ctx.workspace.id} AND d.id = v.deal_id
      JOIN products p ON p.workspace_id = d.workspace_id AND p.id = v.product_id
      LEFT JOIN price_books b ON b.workspace_id = d.workspace_id AND b.currency = d.currency AND b.is_standard
        AND b.active AND b.deleted_at IS NULL`,
  );
}

/** The deal amount follows its line items: the sum of their net amounts, whenever any changes. */
async function followDealAmounts(scope: HookScope, written: WrittenRecord[]) {
  const dealIds = [...new Set(written.map((w) => (w.after.dealId ?? w.before?.dealId) as string))];
  if (dealIds.length === 0) return;
  const sums = await rows<{ id: string; amount: string | null; items: number }>(
    scope.tx,
    sql`SELECT d.id, sum(i.net)::text AS amount, count(i.id)::int AS items FROM deals d
      LEFT JOIN deal_line_items i ON i.workspace_id = d.workspace_id AND i.deal_id = d.id AND i.deleted_at IS NULL
      WHERE d.workspace_id = ${scope.ctx.workspace.id} AND d.id = ANY(${`{${dealIds.join(',')}}`}::uuid[])
      GROUP BY d.id`,
  );
  const updates = sums
    .filter((s) => s.items > 0)
    .map((s) => ({ id: s.id, body: { amount: s.amount }, path: '' }));
  if (updates.length) await scope.records.update('deals', updates);
}

export const dealLineItemHooks: ObjectHooks = {
  async validate(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return [];
    const records = drafts.map(draftRecord);
    const found = await pricing(
      scope,
      records.map((r) => ({ dealId: r.dealId as string, productId: r.productId as string })),
    );
    const today = new Date().toISOString().slice(0, 10);
    const errors: FieldError[] = [];
    drafts.forEach((d, i) => {
      const r = records[i];
      const row = found.find((f) => f.deal_id === r.dealId && f.product_id === r.productId);
      if (!row) return; // the engine reports unknown references
      const quantity = Number(r.quantity ?? 0);
      if (!(quantity > 0)) errors.push(draftError(d, 'quantity', 'must be more than 0'));
      else if (row.unit && countedUnits.includes(row.unit.toLowerCase()) && !Number.isInteger(quantity))
        errors.push(draftError(d, 'quantity', `must be a whole number of ${row.unit}s`));
      const discount = Number(r.discountPercent ?? 0);
      if (discount < 0 || discount > 100)
        errors.push(draftError(d, 'discountPercent', 'must be a percentage from 0 to 100'));
      if (typeof r.unitPrice === 'string' && new Decimal(r.unitPrice).isNegative())
        errors.push(draftError(d, 'unitPrice', 'cannot be negative'));
      if (r.unitPrice === undefined || r.unitPrice === null) {
        const price = listPriceOf(row.entries ?? [], row.product_id, quantity, today);
        if (price) d.changes.unitPrice = price;
        else
          errors.push(
            draftError(
              d,
              'unitPrice',
              `no standard ${row.currency} price book prices this product; give one`,
            ),
          );
      }
      if (errors.length === 0) {
        const net = new Decimal(quantity)
          .times(draftRecord(d).unitPrice as string)
          .times(new Decimal(1).minus(new Decimal(discount).div(100)))
          .toDecimalPlaces(minorUnitDigits(row.currency), Decimal.ROUND_HALF_UP);
        d.changes.net = net.toFixed(2);
      }
    });
    return errors;
  },
  afterWrite: followDealAmounts,
};
