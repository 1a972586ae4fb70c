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

const quoteCount = async () =>
  (await w.call('GET', '/api/v1/quotes?count=true&limit=1')).json<{ total: number }>().total;

describe('bad input to quotes changes nothing', () => {
  it('answers 404 for a deal of another workspace', async () => {
    const other = await app.signup();
    const theirs = (
      await app.call('POST', '/api/v1/deals', { as: other.cookie, body: { name: 'Not yours' } })
    ).json<Rec>();
    const before = await quoteCount();
    const refused = await w.call('POST', '/api/v1/quotes', { dealId: theirs.id });
    expect(refused.status).toBe(404);
    expect(refused.json().detail).toBe(`No deals record with id ${theirs.id}`);
    expect(await quoteCount()).toBe(before);
  });

  it.each([
    [
      'a discount over 100%',
      { discountPercent: 100.5 },
      { path: 'lines.0.discountPercent', message: 'must be a percentage from 0 to 100' },
    ],
    ['a quantity of zero', { quantity: 0 }, { path: 'lines.0.quantity', message: 'must be more than 0' }],
    [
      'a part of a seat',
      { quantity: 1.5 },
      { path: 'lines.0.quantity', message: 'must be a whole number of seats' },
    ],
    [
      'a negative unit price',
      { unitPrice: '-1' },
      { path: 'lines.0.unitPrice', message: 'must be a price of 0 or more, like "1200.00"' },
    ],
  ])('answers 400 for %s', async (_name, change, error) => {
    const before = await quoteCount();
    const refused = await w.call('POST', '/api/v1/quotes', {
      dealId: w.deal.id,
      lines: [{ productId: w.seat.id, quantity: 1, ...change }],
    });
    expect(refused.status).toBe(400);
    expect(refused.json().errors).toEqual([error]);
    expect(await quoteCount()).toBe(before);
  });

  it('answers 400 for a currency that does not match the price book', async () => {
    const refused = await w.call('POST', '/api/v1/quotes', {
      dealId: w.deal.id,
      priceBookId: w.book.id,
      currency: 'USD',
    });
    expect(refused.status).toBe(400);
    expect(refused.json().errors).toEqual([
      { path: 'currency', message: 'must be EUR, the currency of the price book "EUR list"' },
    ]);
  });

  it('answers 400 for a product without a price in the book, and for an unknown product', async () => {
    const loose = await w.created('/api/v1/products', { sku: 'LOOSE', name: 'Not in a book' });
    const unknown = '0190f0f0-0000-7000-8000-000000000001';
    const refused = await w.call('POST', '/api/v1/quotes', {
      dealId: w.deal.id,
      lines: [
        { productId: loose.id, quantity: 1 },
        { productId: unknown, quantity: 1 },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        path: 'lines.0.unitPrice',
        message: 'LOOSE has no price in the price book "EUR list"; give one',
      },
      { path: 'lines.1.productId', message: `no products record with id ${unknown}` },
    ]);
  });
});

describe('approval', () => {
  it('needs a manager when a discount is above the threshold, and records every step with its comment', async () => {
    const set = await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: '10' });
    expect(set.json().approvalDiscountPercent).toBe('10');
    const quote = await w.created(
      '/api/v1/quotes',
      { dealId: w.deal.id, lines: [{ productId: w.seat.id, quantity: 10, discountPercent: 15 }] },
      w.rep.cookie,
    );
    const url = `/api/v1/quotes/${quote.id}`;
    const send = await w.call('PATCH', url, { status: 'sent' }, w.rep.cookie);
    expect(send.status).toBe(409);
    expect(send.json()).toMatchObject({ maxDiscountPercent: '15', threshold: '10' });
    const ask = await w.call(
      'PATCH',
      url,
      { status: 'pendingApproval', approvalComment: 'Competitive bid' },
      w.rep.cookie,
    );
    expect(ask.status).toBe(200);
    const self = await w.call('PATCH', url, { status: 'approved' }, w.rep.cookie);
    expect(self.status).toBe(403);
    const inbox = await w.call(
      'GET',
      '/api/v1/quotes?filter[status][eq]=pendingApproval',
      undefined,
      w.manager.cookie,
    );
    expect(inbox.json<{ data: Rec[] }>().data.map((q) => q.id)).toContain(quote.id);
    const approve = await w.call(
      'PATCH',
      url,
      { status: 'approved', approvalComment: 'OK for this year' },
      w.manager.cookie,
    );
    expect(approve.status).toBe(200);
    const sent = await w.call('PATCH', url, { status: 'sent' }, w.rep.cookie);
    expect(sent.status).toBe(200);
    const approvals = (await w.call('GET', `${url}/approvals`)).json<{ data: Record<string, unknown>[] }>()
      .data;
    expect(approvals.map((a) => [a.decision, a.comment, a.maxDiscountPercent])).toEqual([
      ['requested', 'Competitive bid', '15'],
      ['approved', 'OK for this year', '15'],
    ]);
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: null });
  });

  it('records a rejection, which sends the quote back to draft', async () => {
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: '10' });
    const quote = await w.created(
      '/api/v1/quotes',
      {
        dealId: w.deal.id,
        overallDiscountPercent: 20,
        lines: [{ productId: w.hours.id, quantity: 1 }],
      },
      w.rep.cookie,
    );
    const url = `/api/v1/quotes/${quote.id}`;
    await w.call('PATCH', url, { status: 'pendingApproval' }, w.rep.cookie);
    const reject = await w.call(
      'PATCH',
      url,
      { status: 'draft', approvalComment: 'Too deep' },
      w.manager.cookie,
    );
    expect(reject.status).toBe(200);
    const approvals = (await w.call('GET', `${url}/approvals`)).json<{ data: Record<string, unknown>[] }>()
      .data;
    expect(approvals.map((a) => a.decision)).toEqual(['requested', 'rejected']);
    expect(approvals[1]).toMatchObject({ comment: 'Too deep', maxDiscountPercent: '20' });
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: null });
  });
});
