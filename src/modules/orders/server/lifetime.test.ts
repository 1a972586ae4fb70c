import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace, type Rec } from '../../quotes/server';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
});
afterAll(() => app.close());

/** An order from a quote of 10 seats at 19.99 and 2 hours at 120, EUR, accepted through its link. */
async function order() {
  const { order: booked } = await w.booked(w.deal.id, [
    { productId: w.seat.id, quantity: 10 },
    { productId: w.hours.id, quantity: 2 },
  ]);
  return booked;
}

describe("an account's lifetime revenue and margin", () => {
  it('roll up its orders in the base currency, leaving cancelled ones out', async () => {
    const account = async (cookie = w.admin.cookie) =>
      (await w.call('GET', `/api/v1/accounts/${w.account.id}`, undefined, cookie)).json<Rec>();
    expect(await account()).toMatchObject({ lifetimeRevenue: '0.00', lifetimeMargin: '0.00' });
    // The workspace's base currency is USD; the orders are in EUR.
    const rate = await w.call('POST', '/api/v1/exchange-rates', {
      currency: 'EUR',
      rate: '1.1',
      validFrom: '2020-01-01',
    });
    expect(rate.status, rate.body).toBe(201);

    const kept = await order();
    // net 199.90 + 240.00 = 439.90 EUR × 1.1 = 483.89 USD; cost 10 × 8.00 + 2 × 60.00 = 200.00
    expect(kept).toMatchObject({ total: '503.88', revenueInBase: '483.89', marginInBase: '283.89' });
    const cancelled = await order();
    expect((await w.call('PATCH', `/api/v1/orders/${cancelled.id}`, { status: 'cancelled' })).status).toBe(
      200,
    );
    expect(await account()).toMatchObject({ lifetimeRevenue: '483.89', lifetimeMargin: '283.89' });

    const list = await w.call(
      'GET',
      '/api/v1/accounts?filter[lifetimeRevenue][gt]=400&fields=id,lifetimeRevenue',
    );
    expect(list.json<{ data: Rec[] }>().data).toEqual([{ id: w.account.id, lifetimeRevenue: '483.89' }]);

    // An admin hides orders' margin from reps: the account's margin goes with it.
    const hidden = await w.call('PATCH', '/api/v1/metadata/objects/orders/fields/marginInBase', {
      access: { rep: 'hidden' },
    });
    expect(hidden.status, hidden.body).toBe(200);
    const seenByRep = await account(w.rep.cookie);
    expect(seenByRep.lifetimeRevenue).toBe('483.89');
    expect(seenByRep).not.toHaveProperty('lifetimeMargin');
  });

  it("follow the products' cost price: a role that may not see it sees no margin anywhere", async () => {
    const kept = await order();
    await w.call('PATCH', `/api/v1/orders/${kept.id}`, { ownerId: w.manager.userId });
    const asManager = async (path: string) =>
      (await w.call('GET', path, undefined, w.manager.cookie)).json<Rec>();
    const before = await asManager(`/api/v1/orders/${kept.id}`);
    expect(before, JSON.stringify(before)).toHaveProperty('marginInBase');
    expect(await asManager(`/api/v1/accounts/${w.account.id}`)).toHaveProperty('lifetimeMargin');

    const hidden = await w.call('PATCH', '/api/v1/metadata/objects/products/fields/costPrice', {
      access: { manager: 'hidden' },
    });
    expect(hidden.status, hidden.body).toBe(200);
    const seen = await asManager(`/api/v1/orders/${kept.id}`);
    expect(seen).toHaveProperty('revenueInBase');
    expect(seen).not.toHaveProperty('marginInBase');
    expect(await asManager(`/api/v1/accounts/${w.account.id}`)).not.toHaveProperty('lifetimeMargin');
    const filtered = await w.call(
      'GET',
      '/api/v1/orders?filter[marginInBase][gt]=0',
      undefined,
      w.manager.cookie,
    );
    expect(filtered.status).toBe(400);
    // The admin still sees it all.
    expect(await w.call('GET', `/api/v1/orders/${kept.id}`).then((r) => r.json<Rec>())).toHaveProperty(
      'marginInBase',
    );
  });
});
