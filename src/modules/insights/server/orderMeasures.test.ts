import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { day, measureValue } from './measures.setup';
import { quoteTestWorkspace, type Rec } from '../../quotes/server';

/*
 * Orders dated by hand, base currency EUR: consulting hours at 120 (cost 60), seats at 19.99 (cost 8).
 *   o1 A 10 hours 1200 (margin 600)     booked 2025-02-10 paid 2025-03-02, its deal created 2025-01-15
 *   o2 B  5 hours  600 (margin 300)     booked 2025-06-15 paid 2025-06-30, its deal created 2025-05-11
 *   o3 A 20 hours 2400 (margin 1200)    booked 2026-01-20 paid 2026-02-15 (A's second payment)
 *   o4 C 10 seats  199.90 (margin 119.90) booked 2026-02-10
 *   o5 B  2 hours  240, cancelled       booked 2026-03-01
 *   o6 C  3 hours  360 (margin 180)     booked 2025-12-01
 * Accounts created A 2025-01-01, B 2025-05-01, C 2025-11-01. Calls: on o1's deal 2024-11-22, on A
 * 2024-12-02, on B 2025-04-21.
 */
let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
const orders = new Map<string, Rec>();

const run = (query: ReturnType<typeof sql>) => app.db.write((tx) => tx.execute(query));

async function account(name: string, createdAt: string) {
  const created = await w.created('/api/v1/accounts', { name });
  await run(sql`UPDATE accounts SET created_at = ${day(createdAt)}::timestamptz WHERE id = ${created.id}`);
  return created;
}

async function order(key: string, accountId: string, line: { productId: string; quantity: number }) {
  const deal = await w.created('/api/v1/deals', { name: key, accountId, currency: 'EUR', amount: '1' });
  const { order: booked } = await w.booked(deal.id, [line]);
  orders.set(key, booked);
  return { deal, order: booked };
}

async function dated(key: string, bookedAt: string, paidAt?: string) {
  const id = orders.get(key)!.id;
  await run(sql`UPDATE order_lines SET booked_at = ${day(bookedAt)}::timestamptz WHERE order_id = ${id}`);
  await run(
    sql`UPDATE orders SET booked_at = ${day(bookedAt)}::timestamptz, paid_at = ${paidAt ? day(paidAt) : null}::timestamptz,
      status = ${paidAt ? 'paid' : 'booked'} WHERE id = ${id}`,
  );
}

async function call(object: string, id: string, occurredAt: string) {
  const logged = await w.call('POST', '/api/v1/activities', {
    type: 'call',
    subject: 'First call',
    occurredAt: day(occurredAt),
    links: [{ object, id }],
  });
  expect(logged.status, logged.body).toBe(201);
}

const valueOf = (measure: string, from: string, to: string) =>
  measureValue(app, w.admin.cookie, measure, from, to);

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
  expect((await w.call('PATCH', '/api/v1/workspace', { baseCurrency: 'EUR' })).status).toBe(200);
  const [a, b, c] = [
    await account('A', '2025-01-01'),
    await account('B', '2025-05-01'),
    await account('C', '2025-11-01'),
  ];
  const hours = (quantity: number) => ({ productId: w.hours.id, quantity });
  const first = await order('o1', a.id, hours(10));
  const second = await order('o2', b.id, hours(5));
  await order('o3', a.id, hours(20));
  await order('o4', c.id, { productId: w.seat.id, quantity: 10 });
  await order('o5', b.id, hours(2));
  await order('o6', c.id, hours(3));
  await dated('o1', '2025-02-10', '2025-03-02');
  await dated('o2', '2025-06-15', '2025-06-30');
  await dated('o3', '2026-01-20', '2026-02-15');
  await dated('o4', '2026-02-10');
  await dated('o5', '2026-03-01');
  await dated('o6', '2025-12-01');
  const cancelled = await w.call('PATCH', `/api/v1/orders/${orders.get('o5')!.id}`, { status: 'cancelled' });
  expect(cancelled.status, cancelled.body).toBe(200);
  await run(sql`UPDATE deals SET created_at = ${day('2025-01-15')}::timestamptz WHERE id = ${first.deal.id}`);
  await run(
    sql`UPDATE deals SET created_at = ${day('2025-05-11')}::timestamptz WHERE id = ${second.deal.id}`,
  );
  await call('deals', first.deal.id, '2024-11-22');
  await call('accounts', a.id, '2024-12-02');
  await call('accounts', b.id, '2025-04-21');
});
afterAll(() => app.close());

describe('prospect to payment, from the first touch to each customer first payment', () => {
  it('2025: A 100 days (from the call on its deal), B 70 days (from the call on B); median 85, 80th percentile 94', async () => {
    expect(await valueOf('prospectToPaymentMedianDays', '2025-01-01', '2026-01-01')).toBe(85);
    expect(await valueOf('prospectToPaymentP80Days', '2025-01-01', '2026-01-01')).toBe(94);
  });
  it('a repeat customer paying again is no new journey', async () => {
    expect(await valueOf('prospectToPaymentMedianDays', '2026-01-01', '2026-04-01')).toBe(null);
  });
});

describe('revenue and margin growth over the first quarter of 2026 (90 days)', () => {
  it('revenue 2599.90 (o5 cancelled) against 360 the 90 days before and 1200 a year before', async () => {
    expect(await valueOf('revenueGrowth', '2026-01-01', '2026-04-01')).toBe(6.2219);
    expect(await valueOf('revenueGrowthYearOverYear', '2026-01-01', '2026-04-01')).toBe(1.1666);
  });
  it('margin 1319.90 against 180 the 90 days before and 600 a year before', async () => {
    expect(await valueOf('marginGrowth', '2026-01-01', '2026-04-01')).toBe(6.3328);
    expect(await valueOf('marginGrowthYearOverYear', '2026-01-01', '2026-04-01')).toBe(1.1998);
  });
  it('no figure when nothing was booked in the period compared with', async () => {
    expect(await valueOf('revenueGrowth', '2024-01-01', '2024-03-31')).toBe(null);
  });
});

describe('customers over the year from 2025-09-01', () => {
  it('retention: of A and B (customers the year before) only A ordered again; churn is the rest', async () => {
    expect(await valueOf('customerRetention', '2025-09-01', '2026-09-01')).toBe(0.5);
    expect(await valueOf('customerChurn', '2025-09-01', '2026-09-01')).toBe(0.5);
  });
  it('observed lifetime value: 4759.90 booked by 3 customers', async () => {
    expect(await valueOf('observedLifetimeValue', '1970-01-01', '2026-04-01')).toBe('1586.63');
  });
  it('predicted lifetime value: 2959.90 booked by 2 customers in the year × 2 years (churn 0.5)', async () => {
    expect(await valueOf('predictiveLifetimeValue', '2025-09-01', '2026-09-01')).toBe('2959.90');
  });
});
