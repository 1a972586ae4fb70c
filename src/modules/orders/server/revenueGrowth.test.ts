import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace } from '../../quotes/server';
import { rebuildOrderEconomics } from './economics';

/*
 * Orders dated by hand, base currency EUR: consulting hours at 120 (cost 60), seats at 19.99 (cost 8).
 *   2025-02-10  10 hours  revenue 1200.00  margin  600.00   (2025-Q1)
 *   2025-05-10  10 seats  revenue  199.90  margin  119.90   (2025-Q2)
 *   2025-11-10   5 hours  revenue  600.00  margin  300.00   (2025-Q4)
 *   2026-02-10  20 hours  revenue 2400.00  margin 1200.00   (2026-Q1)
 *   2026-04-10   4 hours  revenue  480.00  margin  240.00   (2026-Q2)
 *   2026-05-10   3 hours  cancelled: counts nowhere
 */
let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
const run = (query: ReturnType<typeof sql>) => app.db.write((tx) => tx.execute(query));

async function bookedOn(bookedAt: string, line: { productId: string; quantity: number }, cancelled = false) {
  const deal = await w.created('/api/v1/deals', {
    name: bookedAt,
    accountId: w.account.id,
    currency: 'EUR',
    amount: '1',
  });
  const { order } = await w.booked(deal.id, [line]);
  if (cancelled)
    expect((await w.call('PATCH', `/api/v1/orders/${order.id}`, { status: 'cancelled' })).status).toBe(200);
  const at = `${bookedAt}T12:00:00Z`;
  await run(sql`UPDATE order_lines SET booked_at = ${at}::timestamptz WHERE order_id = ${order.id}`);
  await run(sql`UPDATE orders SET booked_at = ${at}::timestamptz WHERE id = ${order.id}`);
  // Dated by hand, outside the orders' write path: the kept sums follow.
  await app.db.write((tx) => rebuildOrderEconomics(tx, w.admin.workspaceId));
}

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
  expect((await w.call('PATCH', '/api/v1/workspace', { baseCurrency: 'EUR' })).status).toBe(200);
  await bookedOn('2025-02-10', { productId: w.hours.id, quantity: 10 });
  await bookedOn('2025-05-10', { productId: w.seat.id, quantity: 10 });
  await bookedOn('2025-11-10', { productId: w.hours.id, quantity: 5 });
  await bookedOn('2026-02-10', { productId: w.hours.id, quantity: 20 });
  await bookedOn('2026-04-10', { productId: w.hours.id, quantity: 4 });
  await bookedOn('2026-05-10', { productId: w.hours.id, quantity: 3 }, true);
});
afterAll(() => app.close());

describe('revenue and margin by period', () => {
  it('compares revenue and margin with the period before and the same period last year', async () => {
    const answer = await w.call('GET', '/api/v1/orders/revenue?period=quarter&from=2026-01-01&to=2026-06-30');
    expect(answer.status, answer.body).toBe(200);
    expect(answer.json()).toEqual({
      currency: 'EUR',
      data: [
        {
          period: '2026-Q1',
          revenue: '2400.00',
          margin: '1200.00',
          // against 2025-Q4: 600.00 and 300.00
          previousRevenue: '600.00',
          revenueGrowthPercent: '300.00',
          marginGrowthPercent: '300.00',
          // against 2025-Q1: 1200.00 and 600.00
          lastYearRevenue: '1200.00',
          revenueGrowthVsLastYearPercent: '100.00',
          lastYearMargin: '600.00',
          marginGrowthVsLastYearPercent: '100.00',
        },
        {
          period: '2026-Q2',
          revenue: '480.00',
          margin: '240.00',
          // against 2026-Q1: (480 - 2400) / 2400 and (240 - 1200) / 1200
          previousRevenue: '2400.00',
          revenueGrowthPercent: '-80.00',
          marginGrowthPercent: '-80.00',
          // against 2025-Q2: 280.10 / 199.90 = 140.1200…% and 120.10 / 119.90 = 100.1668…%
          lastYearRevenue: '199.90',
          revenueGrowthVsLastYearPercent: '140.12',
          lastYearMargin: '119.90',
          marginGrowthVsLastYearPercent: '100.17',
        },
      ],
    });
  });

  it('has no growth against a last year with no margin', async () => {
    const answer = await w.call('GET', '/api/v1/orders/revenue?period=year&from=2025-01-01&to=2026-12-31');
    expect(answer.status, answer.body).toBe(200);
    expect(
      answer
        .json<{ data: Record<string, unknown>[] }>()
        .data.map((r) => [r.period, r.margin, r.lastYearMargin, r.marginGrowthVsLastYearPercent]),
    ).toEqual([
      ['2025', '1019.90', '0.00', null],
      // (1440 - 1019.90) / 1019.90 = 41.1903…%
      ['2026', '1440.00', '1019.90', '41.19'],
    ]);
  });
});
