import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../server/db/database';
import type { HookScope, WrittenRecord } from '../../../server/engine';

/**
 * What margins and revenue read instead of every order line, kept in the write's transaction:
 * `order_sums` (one row per booked order, with its deal, account and whether it counts as the order
 * now has them) and `order_product_days` (the lines of counting orders per day, product and currency,
 * moved by the order's own changes). An order counts while it is live and not cancelled.
 */
export async function keepOrderEconomics({ ctx, tx }: HookScope, written: WrittenRecord[]): Promise<void> {
  const ids = (list: WrittenRecord[]) => `{${list.map((w) => w.id).join(',')}}`;
  const ofOrders = (list: WrittenRecord[]) =>
    sql`l.workspace_id = ${ctx.workspace.id} AND l.order_id = ANY(${ids(list)}::uuid[])`;
  const booked = written.filter((w) => !w.before);
  if (booked.length) await tx.execute(sumOrders(ofOrders(booked)));
  const changed = written.filter(
    (w) => w.before && ['status', 'deletedAt', 'dealId', 'accountId'].some((f) => w.changed.includes(f)),
  );
  if (changed.length)
    await tx.execute(sql`UPDATE order_sums s SET deal_id = o.deal_id, account_id = o.account_id, counts = ${counting}
      FROM orders o WHERE o.workspace_id = s.workspace_id AND o.id = s.order_id
        AND s.workspace_id = ${ctx.workspace.id} AND s.order_id = ANY(${ids(changed)}::uuid[])`);
  for (const sign of [1, -1] as const) {
    const moved = written.filter((w) => countChange(w) === sign);
    if (moved.length) await tx.execute(addProductDays(sign, ofOrders(moved)));
  }
}

/**
 * Both kept tables again from the order lines, for one workspace or all: after lines were written in
 * bulk outside the orders' write path (the bench's generated data, the migration that made the tables).
 */
export async function rebuildOrderEconomics(x: Executor, workspaceId?: string): Promise<void> {
  const where = workspaceId ? sql`workspace_id = ${workspaceId}` : sql`TRUE`;
  const lines = workspaceId ? sql`l.workspace_id = ${workspaceId}` : sql`TRUE`;
  await x.execute(sql`DELETE FROM order_sums WHERE ${where}`);
  await x.execute(sql`DELETE FROM order_product_days WHERE ${where}`);
  await x.execute(sumOrders(lines));
  await x.execute(
    addProductDays(
      1,
      sql`${lines} AND EXISTS (SELECT 1 FROM orders o WHERE o.workspace_id = l.workspace_id AND o.id = l.order_id
        AND ${counting})`,
    ),
  );
}

/** +1 when a write makes an order count, -1 when it stops counting, 0 otherwise. */
function countChange(w: WrittenRecord): -1 | 0 | 1 {
  const cancelled = (v: WrittenRecord['after'] | null) => v?.status === 'cancelled';
  if (w.changed.includes('deletedAt')) {
    if (cancelled(w.before)) return 0;
    return w.operation === 'delete' ? -1 : 1;
  }
  if (!w.before) return cancelled(w.after) ? 0 : 1;
  if (!w.changed.includes('status') || cancelled(w.before) === cancelled(w.after)) return 0;
  return cancelled(w.after) ? -1 : 1;
}

const day = sql.raw(`(l.booked_at AT TIME ZONE 'UTC')::date`);
const cost = sql.raw('l.quantity * coalesce(l.unit_cost, 0)');

/** Whether order `o` counts. */
const counting = sql.raw(`(o.deleted_at IS NULL AND o.status <> 'cancelled')`);

/** One order_sums row per order of the chosen lines. */
function sumOrders(lines: SQL): SQL {
  return sql`INSERT INTO order_sums (workspace_id, order_id, deal_id, account_id, counts, owner_id, day, currency, net, cost)
    SELECT l.workspace_id, l.order_id, o.deal_id, o.account_id, ${counting}, l.owner_id, ${day}, l.currency,
      sum(l.net), sum(${cost})
    FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.id = l.order_id
    WHERE ${lines} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

/** Adds (or with -1 takes away) the chosen lines to their days, products and currencies, in key order. */
function addProductDays(sign: 1 | -1, lines: SQL): SQL {
  const s = sql.raw(String(sign));
  return sql`INSERT INTO order_product_days AS p (workspace_id, day, product_id, currency, net, cost, lines)
    SELECT l.workspace_id, ${day}, l.product_id, l.currency, ${s} * sum(l.net), ${s} * sum(${cost}), ${s} * count(*)
    FROM order_lines l WHERE ${lines}
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, day, product_id, currency) DO UPDATE
      SET net = p.net + excluded.net, cost = p.cost + excluded.cost, lines = p.lines + excluded.lines`;
}
