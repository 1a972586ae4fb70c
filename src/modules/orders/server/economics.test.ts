import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace } from '../../quotes/server';
import { rebuildOrderEconomics } from './economics';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
const orders: string[] = [];

/** An order booked from a quote the customer accepted: a few seats and hours. */
async function booked(seats: number, hours: number) {
  const { order } = await w.booked(w.deal.id, [
    { productId: w.seat.id, quantity: seats },
    { productId: w.hours.id, quantity: hours },
  ]);
  return order.id;
}

/** The kept tables of the workspace as text, the product days that hold lines only. */
async function kept() {
  const ws = w.admin.workspaceId;
  return app.db.read(async (x) => ({
    sums: await rows(
      x,
      sql`SELECT order_id, deal_id, account_id, counts, owner_id, day::text, currency, net::text, cost::text FROM order_sums
        WHERE workspace_id = ${ws} ORDER BY order_id`,
    ),
    days: await rows(
      x,
      sql`SELECT day::text, product_id, currency, net::text, cost::text, lines FROM order_product_days
        WHERE workspace_id = ${ws} AND lines <> 0 ORDER BY day, product_id, currency`,
    ),
    emptied: await rows(
      x,
      sql`SELECT day FROM order_product_days WHERE workspace_id = ${ws} AND lines = 0 AND (net <> 0 OR cost <> 0)`,
    ),
  }));
}

type Move = { kind: 'cancel' | 'delete' | 'restore' | 'provision'; order: number };

async function apply({ kind, order }: Move) {
  const url = `/api/v1/orders/${orders[order]}`;
  if (kind === 'delete') return w.call('DELETE', url);
  if (kind === 'restore') return w.call('POST', `${url}/restore`, {});
  return w.call('PATCH', url, { status: kind === 'cancel' ? 'cancelled' : 'provisioning' });
}

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
  for (const [seats, hours] of [
    [10, 2],
    [3, 4],
    [1, 7],
    [25, 1],
  ])
    orders.push(await booked(seats, hours));
});
afterAll(() => app.close());

describe('the kept order sums', () => {
  it('stay what the lines say through any mix of cancels, deletes, restores and moves', async () => {
    const move = fc.record({
      kind: fc.constantFrom('cancel', 'delete', 'restore', 'provision'),
      order: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 8 }), async (moves) => {
        // Refusals (a cancelled order cannot move; a live one cannot be restored) change nothing either.
        for (const m of moves) expect((await apply(m)).status).toBeLessThan(500);
        const before = await kept();
        expect(before.emptied).toEqual([]);
        await app.db.write((tx) => rebuildOrderEconomics(tx, w.admin.workspaceId));
        expect(before).toEqual(await kept());
      }),
      { numRuns: 6 },
    );
  });
});
