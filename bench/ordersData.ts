import type { Database } from '../src/server/db/database';
import { plain } from './database';

/** `count` accounts in SQL, created over the last three years, before their deals. */
export async function generateAccounts(db: Database, workspaceId: string, count: number) {
  await plain(
    db,
    `INSERT INTO accounts (workspace_id, id, name, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'Bench account ' || i, now() - random() * interval '1095 days', now()
     FROM generate_series(1, $2::int) i`,
    [workspaceId, count],
  );
}

/**
 * For every won deal an accepted quote and its order, booked 1-20 days after the win (70% paid 5-60
 * days later, 5% cancelled), and order lines summing to the deal's amount, `lines` in all, over 60
 * products with cost prices of 30-70% of their price. In slices by the deal id's first hex digit.
 */
export async function generateOrders(db: Database, workspaceId: string, lines: number) {
  const run = (text: string, params: unknown[] = []) => plain(db, text, params);
  await run(
    `INSERT INTO products (workspace_id, id, sku, name, active, unit, cost_price, tax_category)
     SELECT $1, gen_random_uuid(), 'BENCH-' || i, 'Bench product ' || i, true, 'unit', 10 + i * 7, 'standard'
     FROM generate_series(1, 60) i`,
    [workspaceId],
  );
  const [{ won }] = await plain<{ won: number }>(
    db,
    `SELECT count(*)::int AS won FROM deals WHERE workspace_id = $1 AND forecast_category = 'closedWon'`,
    [workspaceId],
  );
  const perOrder = Math.max(1, Math.round(lines / won));
  // Quote numbers: 10,000,000 per slice, so that slices never collide.
  for (const digit of '0123456789abcdef') {
    await run(
      `WITH won AS (
        SELECT d.id, d.account_id, d.owner_id, d.amount, d.currency, d.closed_at,
          d.closed_at + (1 + floor(random() * 20)) * interval '1 day' AS booked, random() AS r,
          row_number() OVER () AS n
        FROM deals d WHERE d.workspace_id = $1 AND d.forecast_category = 'closedWon' AND left(d.id::text, 1) = $2),
      quoted AS (
        INSERT INTO quotes (workspace_id, id, owner_id, created_at, updated_at, deal_id, account_id, number, revision,
          status, currency, lines, subtotal, discount_total, tax_total, total, sent_at, accepted_at, accepted_by_name)
        SELECT $1, gen_random_uuid(), owner_id, closed_at - interval '3 days', closed_at, id, account_id,
          $3::int + n, 1, 'accepted', currency, '[]'::jsonb, amount, 0, 0, amount,
          closed_at - interval '2 days', closed_at, 'Bench customer'
        FROM won RETURNING id AS quote_id, deal_id)
      INSERT INTO orders (workspace_id, id, owner_id, created_at, updated_at, quote_id, account_id, deal_id, status,
        total, currency, payments, paid_total, booked_at, paid_at, cancelled_at)
      SELECT $1, gen_random_uuid(), w.owner_id, w.booked, w.booked, q.quote_id, w.account_id, w.id,
        CASE WHEN w.r < 0.7 THEN 'paid' WHEN w.r < 0.75 THEN 'cancelled' ELSE 'booked' END,
        w.amount, w.currency, '[]'::jsonb, CASE WHEN w.r < 0.7 THEN w.amount ELSE 0 END, w.booked,
        CASE WHEN w.r < 0.7 THEN w.booked + (5 + floor(w.r * 80)) * interval '1 day' END,
        CASE WHEN w.r >= 0.7 AND w.r < 0.75 THEN w.booked + interval '3 days' END
      FROM won w JOIN quoted q ON q.deal_id = w.id`,
      [workspaceId, digit, parseInt(digit, 16) * 10_000_000],
    );
    await run(
      `WITH products AS (SELECT array_agg(id ORDER BY sku) AS ids, array_agg(cost_price ORDER BY sku) AS costs
          FROM products WHERE workspace_id = $1 AND sku LIKE 'BENCH-%')
      INSERT INTO order_lines (workspace_id, id, order_id, product_id, deal_id, account_id, owner_id, quantity, net,
        currency, unit_cost, booked_at)
      SELECT $1, gen_random_uuid(), o.id, p.ids[1 + (abs(hashtext(o.id::text)) + k) % 60], o.deal_id, o.account_id,
        o.owner_id, 1 + k % 5, round(o.total / $3, 2), o.currency,
        p.costs[1 + (abs(hashtext(o.id::text)) + k) % 60], o.booked_at
      FROM orders o CROSS JOIN products p CROSS JOIN generate_series(1, $3::int) k
      WHERE o.workspace_id = $1 AND left(o.deal_id::text, 1) = $2`,
      [workspaceId, digit, perOrder],
    );
    process.stdout.write(`  orders of deals ${digit}…\r`);
  }
}
