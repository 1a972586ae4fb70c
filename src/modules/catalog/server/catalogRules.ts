import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertAdmin, draftError, draftRecord, type Draft, type ObjectHooks } from '../../../server/engine';
import { isoCurrency, minorUnitDigits } from '../../deals/contract';
import type { PriceBookEntry } from '../contract';

const saving = (operation: string) => operation !== 'delete' && operation !== 'restore';

export const productHooks: ObjectHooks = {
  defaults(_scope, drafts) {
    for (const d of drafts) {
      if (!d.before) d.changes.active ??= true;
      if (typeof d.changes.sku === 'string') d.changes.sku = d.changes.sku.trim().toUpperCase();
    }
  },
  validate(scope, drafts) {
    // One catalogue that admins keep, so every proposal is built from the same prices.
    assertAdmin(scope.ctx);
    if (!saving(scope.operation)) return [];
    return drafts.flatMap((d) => {
      const cost = d.changes.costPrice;
      return typeof cost === 'string' && new Decimal(cost).isNegative()
        ? [draftError(d, 'costPrice', 'cannot be negative')]
        : [];
    });
  },
};

/** Entries must name products of the workspace, each once per validity start. */
async function entryErrors(
  tx: Parameters<NonNullable<ObjectHooks['validate']>>[0]['tx'],
  workspaceId: string,
  drafts: Draft[],
): Promise<FieldError[]> {
  const lists = drafts.map((d) => (d.changes.entries ?? []) as PriceBookEntry[]);
  const ids = [...new Set(lists.flat().map((e) => e.productId))];
  if (ids.length === 0) return [];
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM products WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL
      AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const known = new Set(found.map((r) => r.id));
  return drafts.flatMap((draft, i) => {
    const seen = new Set<string>();
    return lists[i].flatMap((e, j) => {
      const path = `entries.${j}.productId`;
      const key = `${e.productId}/${e.validFrom ?? ''}`;
      if (!known.has(e.productId))
        return [draftError(draft, path, `no products record with id ${e.productId}`)];
      if (seen.has(key)) return [draftError(draft, path, 'is in the book twice from the same day')];
      seen.add(key);
      return [];
    });
  });
}

export const priceBookHooks: ObjectHooks = {
  defaults(_scope, drafts) {
    for (const d of drafts) {
      if (!d.before) {
        d.changes.active ??= true;
        d.changes.isStandard ??= false;
        d.changes.entries ??= [];
      }
      if (typeof d.changes.currency === 'string')
        d.changes.currency = d.changes.currency.trim().toUpperCase();
    }
  },
  async validate(scope, drafts) {
    assertAdmin(scope.ctx);
    if (!saving(scope.operation)) return [];
    const errors: FieldError[] = [];
    for (const d of drafts) {
      const { currency } = draftRecord(d);
      if (!('currency' in d.changes) || typeof currency !== 'string') continue;
      if (!isoCurrency.safeParse(currency).success)
        errors.push(draftError(d, 'currency', 'is not an ISO 4217 currency code like EUR'));
      else if (minorUnitDigits(currency) > 2)
        errors.push(draftError(d, 'currency', 'has more than 2 decimals; quotes keep amounts in cents'));
      else if (d.before && d.before.currency !== currency)
        errors.push(draftError(d, 'currency', 'cannot change: quotes are priced in it'));
    }
    errors.push(...(await entryErrors(scope.tx, scope.ctx.workspace.id, drafts)));
    return errors;
  },
};
