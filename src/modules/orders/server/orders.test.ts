import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace } from '../../quotes/server';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
let support: { cookie: string; userId: string };

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
  support = await app.addUser(w.admin.cookie, 'viewer');
  const set = await w.call('PUT', '/api/v1/order-settings', { notifyUserIds: [support.userId] });
  expect(set.status, set.body).toBe(200);
});
afterAll(() => app.close());

/** A quote accepted by the customer through its link: 10 seats at 19.99 and 2 hours at 120, EUR. */
function acceptedQuote() {
  return w.booked(w.deal.id, [
    { productId: w.seat.id, quantity: 10 },
    { productId: w.hours.id, quantity: 2 },
  ]);
}

describe('orders', () => {
  it('books one order for an accepted quote, with its account, deal, total and currency', async () => {
    const { quote, order } = await acceptedQuote();
    // 199.90 + 20% = 239.88; 240.00 + 10% = 264.00
    expect(order).toMatchObject({
      quoteId: quote.id,
      accountId: w.account.id,
      dealId: w.deal.id,
      status: 'booked',
      total: '503.88',
      currency: 'EUR',
      paidTotal: '0.00',
      payments: [],
    });
    expect(order.bookedAt).toEqual(expect.any(String));
    const second = await w.call('POST', '/api/v1/orders', { quoteId: quote.id });
    expect(second.status).toBe(409);
    const draft = await w.created('/api/v1/quotes', { dealId: w.deal.id });
    const early = await w.call('POST', '/api/v1/orders', { quoteId: draft.id });
    expect(early.status).toBe(409);
    expect(early.json().detail).toMatch(/is draft; only an accepted quote becomes an order/);
  });

  it('moves forward with dates, notifies the provisioning people, and refuses to go back', async () => {
    const { order } = await acceptedQuote();
    const url = `/api/v1/orders/${order.id}`;
    const moved = await w.call('PATCH', url, { status: 'fulfilled' });
    expect(moved.status).toBe(200);
    expect(moved.json().provisioningAt).toEqual(expect.any(String));
    expect(moved.json().fulfilledAt).toEqual(expect.any(String));
    const back = await w.call('PATCH', url, { status: 'booked' });
    expect(back.status).toBe(409);
    expect(back.json().detail).toBe(
      'An order moves forward only: it cannot go from fulfilled back to booked',
    );
    const notices = (await w.call('GET', '/api/v1/orders/notifications', undefined, support.cookie)).json<{
      data: { orderId: string; title: string }[];
    }>().data;
    expect(notices.filter((n) => n.orderId === order.id).map((n) => n.title.split(': ').pop())).toEqual([
      'Fulfilled',
      'Booked',
    ]);
    const early = await w.call('PATCH', url, { status: 'paid' });
    expect(early.status).toBe(409);
  });

  it('is paid once its payments cover the total, counted in decimal', async () => {
    const { order } = await acceptedQuote();
    const url = `/api/v1/orders/${order.id}`;
    const part = await w.call('POST', `${url}/payments`, { amount: '503.87', paidAt: '2026-11-20' });
    expect(part.status).toBe(201);
    expect(part.json()).toMatchObject({ status: 'booked', paidTotal: '503.87' });
    const bad = await w.call('POST', `${url}/payments`, { amount: '-1', paidAt: '2026-11-21' });
    expect(bad.status).toBe(400);
    const rest = await w.call('POST', `${url}/payments`, { amount: '0.01', paidAt: '2026-11-21' });
    expect(rest.json()).toMatchObject({ status: 'paid', paidTotal: '503.88' });
    expect(rest.json().paidAt).toEqual(expect.any(String));
    const cancel = await w.call('PATCH', url, { status: 'cancelled' });
    expect(cancel.status).toBe(409);
  });

  it('answers margins by product and revenue by month from cost prices, for roles that see them', async () => {
    // The workspace's base currency is USD; the orders are in EUR.
    const rate = await w.call('POST', '/api/v1/exchange-rates', {
      currency: 'EUR',
      rate: '1.1',
      validFrom: '2020-01-01',
    });
    expect(rate.status).toBe(201);
    const margin = await w.call('GET', '/api/v1/orders/margin?by=product');
    expect(margin.status, margin.body).toBe(200);
    const byProduct = margin.json<{ currency: string; data: Record<string, string>[] }>();
    // three orders so far: seats 3 × 199.90 EUR × 1.1 = 3 × 219.89 USD, cost 3 × 10 × 8.00;
    // hours 3 × 240.00 × 1.1 = 3 × 264.00, cost 3 × 2 × 60.00
    expect(byProduct.data).toEqual([
      {
        key: w.hours.id,
        name: 'Consulting',
        revenue: '792.00',
        cost: '360.00',
        margin: '432.00',
        marginPercent: '54.55',
      },
      {
        key: w.seat.id,
        name: 'Pro seat',
        revenue: '659.67',
        cost: '240.00',
        margin: '419.67',
        marginPercent: '63.62',
      },
    ]);
    expect(byProduct.currency).toBe('USD');
    const month = new Date().toISOString().slice(0, 7);
    const revenue = await w.call(
      'GET',
      `/api/v1/orders/revenue?period=month&from=${month}-01&to=${month}-01`,
    );
    expect(revenue.status, revenue.body).toBe(200);
    expect(revenue.json().data).toEqual([
      {
        period: month,
        revenue: '1451.67',
        margin: '851.67',
        previousRevenue: '0.00',
        revenueGrowthPercent: null,
        lastYearRevenue: '0.00',
        revenueGrowthVsLastYearPercent: null,
        marginGrowthPercent: null,
        lastYearMargin: '0.00',
        marginGrowthVsLastYearPercent: null,
      },
    ]);
    await w.call('PATCH', '/api/v1/metadata/objects/products/fields/costPrice', {
      access: { rep: 'hidden' },
    });
    const hidden = await w.call('GET', '/api/v1/orders/margin?by=owner', undefined, w.rep.cookie);
    expect(hidden.status).toBe(403);
    const badGrouping = await w.call('GET', '/api/v1/orders/margin?by=colour');
    expect(badGrouping.status).toBe(400);
  });

  it('shows on its own timeline, and its account’s, as booked from the accepted quote', async () => {
    const { quote, order } = await acceptedQuote();
    const label = `Q-${String(quote.number).padStart(5, '0')} v1`;
    const own = await w.call('GET', `/api/v1/orders/${order.id}/timeline?types=activity`);
    expect(own.status, own.body).toBe(200);
    const [booked] = own.json<{ data: Record<string, unknown>[] }>().data;
    expect(booked).toMatchObject({
      kind: 'activity',
      type: 'note',
      title: `Order booked from ${label}`,
      excerpt: `${label} accepted and booked as this order: EUR 503.88.`,
    });
    expect(booked.links).toEqual(
      expect.arrayContaining([
        { object: 'orders', id: order.id },
        { object: 'quotes', id: quote.id },
        { object: 'deals', id: w.deal.id },
        { object: 'accounts', id: w.account.id },
      ]),
    );
    const account = await w.call('GET', `/api/v1/accounts/${w.account.id}/timeline?types=activity`);
    expect(account.json<{ data: { id: string }[] }>().data.map((e) => e.id)).toContain(booked.id);
  });
});
