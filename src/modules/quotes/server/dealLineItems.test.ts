import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace, type Rec } from './testWorkspace';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
});
afterAll(() => app.close());

describe('deal line items', () => {
  it("price products from the deal's standard book, and the deal amount follows them", async () => {
    // 12 seats × 19.99 = 239.88, 10% off → 215.892 → 215.89
    const seats = await w.created('/api/v1/dealLineItems', {
      dealId: w.deal.id,
      productId: w.seat.id,
      quantity: 12,
      discountPercent: 10,
    });
    expect(seats).toMatchObject({ unitPrice: '19.99', net: '215.89' });
    await w.created('/api/v1/dealLineItems', {
      dealId: w.deal.id,
      productId: w.hours.id,
      quantity: 1.5,
      unitPrice: '100',
    });
    const deal = (await w.call('GET', `/api/v1/deals/${w.deal.id}`)).json<Rec>();
    expect(deal.amount).toBe('365.89');
    const changed = await w.call('PATCH', `/api/v1/dealLineItems/${seats.id}`, { quantity: 2 });
    expect(changed.json()).toMatchObject({ unitPrice: '19.99', net: '35.98' });
    expect((await w.call('GET', `/api/v1/deals/${w.deal.id}`)).json().amount).toBe('185.98');
  });

  it('refuses a part of a seat, a discount over 100% and a negative price, changing nothing', async () => {
    for (const [change, path] of [
      [{ quantity: 0.5 }, 'quantity'],
      [{ discountPercent: 120 }, 'discountPercent'],
      [{ unitPrice: '-3' }, 'unitPrice'],
    ] as const) {
      const refused = await w.call('POST', '/api/v1/dealLineItems', {
        dealId: w.deal.id,
        productId: w.seat.id,
        quantity: 1,
        ...change,
      });
      expect(refused.status).toBe(400);
      expect(refused.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([path]);
    }
    expect((await w.call('GET', `/api/v1/deals/${w.deal.id}`)).json().amount).toBe('185.98');
  });
});
