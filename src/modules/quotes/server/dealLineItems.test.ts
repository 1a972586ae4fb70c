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

  it("start a new quote on the deal given no lines, priced from the quote's price book", async () => {
    const deal = await w.created('/api/v1/deals', {
      name: 'Acme renewal',
      accountId: w.account.id,
      currency: 'EUR',
      amount: '1',
    });
    await w.created('/api/v1/dealLineItems', {
      dealId: deal.id,
      productId: w.seat.id,
      quantity: 2,
      discountPercent: 10,
      description: 'Two more seats',
    });
    // A price set by hand on the deal is not the price book's: the quote takes the list price, 120.00.
    await w.created('/api/v1/dealLineItems', {
      dealId: deal.id,
      productId: w.hours.id,
      quantity: 1.5,
      unitPrice: '100',
    });
    const quote = await w.created('/api/v1/quotes', { dealId: deal.id });
    // seats: 2 × 19.99 = 39.98, 10% off 4.00 (3.998) → 35.98, tax 20% 7.20 (7.196) → 43.18
    // hours: 1.5 × 120.00 = 180.00, tax 10% 18.00 → 198.00
    expect(quote.lines).toMatchObject([
      {
        productId: w.seat.id,
        description: 'Two more seats',
        quantity: 2,
        unitPrice: '19.99',
        discountPercent: '10',
        taxRate: '20',
        sku: 'SEAT',
        net: '35.98',
        total: '43.18',
      },
      { productId: w.hours.id, quantity: 1.5, unitPrice: '120.00', discountPercent: '0', net: '180.00' },
    ]);
    expect(quote).toMatchObject({
      priceBookId: w.book.id,
      subtotal: '219.98',
      discountTotal: '4.00',
      taxTotal: '25.20',
      total: '241.18',
    });
    // Lines given, even none, are the quote's; a deal with no line items starts an empty quote.
    const given = await w.created('/api/v1/quotes', {
      dealId: deal.id,
      lines: [{ productId: w.hours.id, quantity: 1 }],
    });
    expect((given.lines as Rec[]).map((l) => [l.productId, l.quantity])).toEqual([[w.hours.id, 1]]);
    expect((await w.created('/api/v1/quotes', { dealId: deal.id, lines: [] })).lines).toEqual([]);
    expect((await w.created('/api/v1/quotes', { dealId: w.deal.id })).lines).toHaveLength(2);
    const bare = await w.created('/api/v1/deals', { name: 'Bare', accountId: w.account.id, currency: 'EUR' });
    expect((await w.created('/api/v1/quotes', { dealId: bare.id })).lines).toEqual([]);
  });
});
