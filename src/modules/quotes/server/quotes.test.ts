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

const lines = () => [
  { productId: w.seat.id, quantity: 10, discountPercent: 5 },
  { productId: w.hours.id, quantity: 2.5, unitPrice: '100', description: 'Setup' },
];

describe('quotes', () => {
  it('is created from a deal in its currency and standard book, with list prices and exact totals', async () => {
    const quote = await w.created('/api/v1/quotes', { dealId: w.deal.id, lines: lines() }, w.rep.cookie);
    // seat: 10 × 19.99 = 199.90, 5% → 189.905 → 189.91, tax 20% → 37.982 → 37.98
    // hours: 2.5 × 100 = 250.00, tax 10% → 25.00
    expect(quote).toMatchObject({
      dealId: w.deal.id,
      accountId: w.account.id,
      priceBookId: w.book.id,
      currency: 'EUR',
      status: 'draft',
      revision: 1,
      subtotal: '449.90',
      discountTotal: '9.99',
      taxTotal: '62.98',
      total: '502.89',
    });
    expect(quote.number).toEqual(expect.any(Number));
    expect(quote.lines).toEqual([
      {
        productId: w.seat.id,
        quantity: 10,
        unitPrice: '19.99',
        discountPercent: '5',
        taxRate: '20',
        sku: 'SEAT',
        name: 'Pro seat',
        unit: 'seat',
        gross: '199.90',
        discount: '9.99',
        net: '189.91',
        tax: '37.98',
        total: '227.89',
      },
      {
        productId: w.hours.id,
        description: 'Setup',
        quantity: 2.5,
        unitPrice: '100',
        discountPercent: '0',
        taxRate: '10',
        sku: 'HOURS',
        name: 'Consulting',
        unit: 'hour',
        gross: '250.00',
        discount: '0.00',
        net: '250.00',
        tax: '25.00',
        total: '275.00',
      },
    ]);
  });

  it('takes the volume tier and keeps a line price when the book changes later', async () => {
    const quote = await w.created('/api/v1/quotes', {
      dealId: w.deal.id,
      lines: [{ productId: w.seat.id, quantity: 100 }],
    });
    expect((quote.lines as { unitPrice: string }[])[0].unitPrice).toBe('17.50');
    const book = (await w.call('GET', `/api/v1/priceBooks/${w.book.id}`)).json<Rec>();
    const changed = await w.call('PATCH', `/api/v1/priceBooks/${w.book.id}`, {
      entries: [
        { productId: w.seat.id, listPrice: '25.00' },
        { productId: w.hours.id, listPrice: '120.00' },
      ],
    });
    expect(changed.status).toBe(200);
    const again = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
    expect(again.total).toBe(quote.total);
    expect((again.lines as { unitPrice: string }[])[0].unitPrice).toBe('17.50');
    const fresh = await w.created('/api/v1/quotes', {
      dealId: w.deal.id,
      lines: [{ productId: w.seat.id, quantity: 100 }],
    });
    expect((fresh.lines as { unitPrice: string }[])[0].unitPrice).toBe('25.00');
    await w.call('PATCH', `/api/v1/priceBooks/${w.book.id}`, { entries: book.entries });
  });

  it('numbers quotes per workspace without gaps, even when created at once', async () => {
    const before = (await w.call('GET', '/api/v1/quotes?sort=-number&limit=1')).json<{ data: Rec[] }>()
      .data[0];
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => w.call('POST', '/api/v1/quotes', { dealId: w.deal.id })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = answers.map((a) => a.json<Rec>().number as number).sort((a, b) => a - b);
    const first = (before.number as number) + 1;
    expect(numbers).toEqual([first, first + 1, first + 2, first + 3, first + 4, first + 5]);
    const other = await app.signup();
    const deal = (
      await app.call('POST', '/api/v1/deals', { as: other.cookie, body: { name: 'Other' } })
    ).json<Rec>();
    const theirs = await app.call('POST', '/api/v1/quotes', { as: other.cookie, body: { dealId: deal.id } });
    expect(theirs.json().number).toBe(1);
  });

  it('moves only along the status machine, with 409 naming the allowed moves', async () => {
    const quote = await w.created('/api/v1/quotes', { dealId: w.deal.id, lines: lines() });
    const leap = await w.call('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' });
    expect(leap.status).toBe(409);
    expect(leap.json()).toMatchObject({
      from: 'draft',
      to: 'accepted',
      allowed: ['pendingApproval', 'sent'],
    });
    const noNeed = await w.call('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'pendingApproval' });
    expect(noNeed.status).toBe(409);
    const sent = await w.call('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' });
    expect(sent.status).toBe(200);
    expect(sent.json().sentAt).toEqual(expect.any(String));
    const edit = await w.call('PATCH', `/api/v1/quotes/${quote.id}`, { lines: [] });
    expect(edit.status).toBe(409);
    expect(edit.json().detail).toMatch(/only a draft's lines can change/);
    const unchanged = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
    expect(unchanged.version).toBe(sent.json().version);
  });

  it('makes a revision version n+1 of the same number and keeps older versions read-only', async () => {
    const v1 = await w.created('/api/v1/quotes', { dealId: w.deal.id, lines: lines() });
    await w.call('PATCH', `/api/v1/quotes/${v1.id}`, { status: 'sent' });
    const revised = await w.call('POST', `/api/v1/quotes/${v1.id}/revise`, {});
    expect(revised.status).toBe(201);
    const v2 = revised.json<Rec>();
    expect(v2).toMatchObject({
      number: v1.number,
      revision: 2,
      status: 'draft',
      previousId: v1.id,
      total: v1.total,
    });
    const old = await w.call('PATCH', `/api/v1/quotes/${v1.id}`, { status: 'declined' });
    expect(old.status).toBe(409);
    expect(old.json().detail).toMatch(/is read-only: version 2 is the latest/);
    const twice = await w.call('POST', `/api/v1/quotes/${v1.id}/revise`, {});
    expect(twice.status).toBe(409);
    const edited = await w.call('PATCH', `/api/v1/quotes/${v2.id}`, { overallDiscountPercent: 10 });
    expect(edited.status).toBe(200);
    // seat 199.90 × 0.95 × 0.90 = 170.9145 → 170.91 + 20% 34.18; hours 225.00 + 10% 22.50
    expect(edited.json().total).toBe('452.59');
  });

  it('renders a PDF', async () => {
    const quote = await w.created('/api/v1/quotes', { dealId: w.deal.id, lines: lines() });
    const pdf = await w.call('GET', `/api/v1/quotes/${quote.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
  });
});
