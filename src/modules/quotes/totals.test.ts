import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteTotals } from './totals';

describe('quoteTotals', () => {
  it('computes a hand-worked quote exactly', () => {
    // 3 × 19.99 = 59.97, 10% off → 53.973 → 53.97, VAT 20% → 10.794 → 10.79
    // 2 × 1250.00 = 2500.00, no discount, VAT 20% → 500.00
    // 7 × 0.333 = 2.331 → gross 2.33; net 2.331, 0% tax
    const totals = quoteTotals([
      { quantity: 3, unitPrice: '19.99', discountPercent: 10, taxRate: 20 },
      { quantity: 2, unitPrice: '1250.00', discountPercent: 0, taxRate: '20' },
      { quantity: 7, unitPrice: '0.333', discountPercent: 0, taxRate: 0 },
    ]);
    expect(totals.lines).toEqual([
      { gross: '59.97', discount: '6.00', net: '53.97', tax: '10.79', total: '64.76' },
      { gross: '2500.00', discount: '0.00', net: '2500.00', tax: '500.00', total: '3000.00' },
      { gross: '2.33', discount: '0.00', net: '2.33', tax: '0.00', total: '2.33' },
    ]);
    expect(totals).toMatchObject({
      subtotal: '2562.30',
      discountTotal: '6.00',
      taxTotal: '510.79',
      total: '3067.09',
    });
  });

  it('applies the overall discount after the line discount and tax after both', () => {
    // 10 × 100 = 1000; 15% → 850; overall 5% → 807.50; tax 8.5% → 68.6375 → 68.64
    const totals = quoteTotals([{ quantity: 10, unitPrice: '100', discountPercent: 15, taxRate: 8.5 }], 5);
    expect(totals).toMatchObject({
      subtotal: '1000.00',
      discountTotal: '192.50',
      taxTotal: '68.64',
      total: '876.14',
    });
  });

  it("takes a line's rate from its tax category when it has none, and rounds half away from zero", () => {
    // 1 × 0.05 at 50% off = 0.025 → 0.03; tax category reduced 10% → 0.0025 → 0.00
    const totals = quoteTotals(
      [{ quantity: 1, unitPrice: '0.05', discountPercent: 50, taxCategory: 'reduced' }],
      0,
      { reduced: '10' },
    );
    expect(totals.lines[0]).toEqual({
      gross: '0.05',
      discount: '0.02',
      net: '0.03',
      tax: '0.00',
      total: '0.03',
    });
  });

  it('rounds to the minor units of a currency without decimals', () => {
    const totals = quoteTotals(
      [{ quantity: 3, unitPrice: '333.5', discountPercent: 0, taxRate: 10 }],
      0,
      {},
      0,
    );
    expect(totals).toMatchObject({ subtotal: '1001', taxTotal: '100', total: '1101' });
  });

  it('never drifts: the parts add up to the total for any mix of discounts and taxes', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => new Decimal(c).div(100).toFixed(2));
    const percent = fc.integer({ min: 0, max: 10_000 }).map((p) => new Decimal(p).div(100).toString());
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => new Decimal(q).div(100).toString()),
      unitPrice: cents,
      discountPercent: percent,
      taxRate: fc.integer({ min: 0, max: 5_000 }).map((p) => new Decimal(p).div(100).toString()),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), percent, (lines, overall) => {
        const t = quoteTotals(lines, overall);
        const sum = (k: 'gross' | 'discount' | 'tax' | 'total') =>
          t.lines.reduce((s, l) => s.plus(l[k]), new Decimal(0)).toFixed(2);
        expect(sum('gross')).toBe(t.subtotal);
        expect(sum('discount')).toBe(t.discountTotal);
        expect(sum('tax')).toBe(t.taxTotal);
        expect(sum('total')).toBe(t.total);
        expect(new Decimal(t.subtotal).minus(t.discountTotal).plus(t.taxTotal).toFixed(2)).toBe(t.total);
        for (const l of t.lines) {
          expect(new Decimal(l.discount).gte(0) && new Decimal(l.discount).lte(l.gross)).toBe(true);
          expect(new Decimal(l.net).plus(l.tax).toFixed(2)).toBe(l.total);
        }
      }),
      { numRuns: 300 },
    );
  });
});
