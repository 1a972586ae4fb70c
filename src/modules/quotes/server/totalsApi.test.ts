import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTotals, type PricedLine } from '../totals';
import { quoteTestWorkspace, type Rec } from './testWorkspace';

/*
 * Quotes made through the API with random lines, discounts and taxes: the totals the API stores and
 * answers are the pure quoteTotals of the lines as priced, and the hand rule (each line's gross, net
 * and tax rounded once, half away from zero, to cents; the quote's figures sums of the rounded lines).
 * The workspace's EUR book: seats 19.99 (17.50 from 100), consulting hours 120.00; tax 20% on seats
 * (standard), 10% on hours (services).
 */
let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
});
afterAll(() => app.close());

interface LineInput {
  productId: string;
  quantity: number;
  unitPrice?: string;
  discountPercent: string;
  taxRate?: string;
}

const hundredths = (max: number) =>
  fc.integer({ min: 0, max }).map((n) => new Decimal(n).div(100).toString());
const percent = hundredths(10_000);

function lineOf(products: { seat: string; hours: string }) {
  return fc.oneof(
    // Seats are counted: whole numbers, past the volume tier at times.
    fc.record(
      {
        productId: fc.constant(products.seat),
        quantity: fc.integer({ min: 1, max: 250 }),
        unitPrice: hundredths(1_000_000).map((p) => new Decimal(p).toFixed(2)),
        discountPercent: percent,
        taxRate: hundredths(3_000),
      },
      { requiredKeys: ['productId', 'quantity', 'discountPercent'] },
    ),
    // Hours come in quarters.
    fc.record(
      {
        productId: fc.constant(products.hours),
        quantity: fc.integer({ min: 1, max: 4_000 }).map((q) => q / 4),
        unitPrice: hundredths(1_000_000).map((p) => new Decimal(p).toFixed(2)),
        discountPercent: percent,
        taxRate: hundredths(3_000),
      },
      { requiredKeys: ['productId', 'quantity', 'discountPercent'] },
    ),
  );
}

/** The line as the server prices it: the book's list price (and tier), the category's tax rate. */
function priced(line: LineInput): PricedLine & { discountPercent: string; taxRate: string } {
  const seat = line.productId === w.seat.id;
  const listPrice = seat ? (line.quantity >= 100 ? '17.50' : '19.99') : '120.00';
  return {
    quantity: line.quantity,
    unitPrice: line.unitPrice ?? listPrice,
    discountPercent: line.discountPercent,
    taxRate: line.taxRate ?? (seat ? '20' : '10'),
  };
}

/** The rule as the user guide states it, computed line by line, dividing by 100. */
function byHand(lines: ReturnType<typeof priced>[], overall: string) {
  const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const rows = lines.map((l) => {
    const exact = new Decimal(l.quantity).times(l.unitPrice);
    const gross = cents(exact);
    const net = cents(
      exact
        .times(new Decimal(100).minus(l.discountPercent))
        .div(100)
        .times(new Decimal(100).minus(overall))
        .div(100),
    );
    const tax = cents(net.times(l.taxRate).div(100));
    return { gross, net, tax };
  });
  const sum = (pick: (r: (typeof rows)[number]) => Decimal) =>
    rows.reduce((s, r) => s.plus(pick(r)), new Decimal(0));
  return {
    subtotal: sum((r) => r.gross).toFixed(2),
    discountTotal: sum((r) => r.gross.minus(r.net)).toFixed(2),
    taxTotal: sum((r) => r.tax).toFixed(2),
    total: sum((r) => r.net.plus(r.tax)).toFixed(2),
  };
}

describe('quote totals through the API', () => {
  it('are the pure totals of the priced lines and the sums of the rounded lines, for any mix of discounts and taxes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineOf({ seat: w.seat.id, hours: w.hours.id }), { minLength: 1, maxLength: 12 }),
        percent,
        async (lines, overall) => {
          const answer = await w.call('POST', '/api/v1/quotes', {
            dealId: w.deal.id,
            lines,
            overallDiscountPercent: Number(overall),
          });
          expect(answer.status, answer.body).toBe(201);
          const quote = answer.json<Rec & { lines: Record<string, unknown>[] }>();
          const stored = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
          const figures = (q: Rec) => ({
            subtotal: q.subtotal,
            discountTotal: q.discountTotal,
            taxTotal: q.taxTotal,
            total: q.total,
          });
          const asPriced = (lines as LineInput[]).map(priced);
          const pure = quoteTotals(asPriced, overall);
          expect(figures(quote)).toEqual(figures(pure as unknown as Rec));
          expect(figures(stored)).toEqual(figures(pure as unknown as Rec));
          expect(figures(quote)).toEqual(byHand(asPriced, overall));
          expect(
            quote.lines.map((l) => ({
              unitPrice: l.unitPrice,
              taxRate: new Decimal(l.taxRate as string).toString(),
              gross: l.gross,
              discount: l.discount,
              net: l.net,
              tax: l.tax,
              total: l.total,
            })),
          ).toEqual(
            asPriced.map((l, i) => ({
              unitPrice: l.unitPrice,
              taxRate: new Decimal(l.taxRate).toString(),
              ...pure.lines[i],
            })),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
