import { performance } from 'node:perf_hooks';
import { quotePdf } from '../src/modules/quotes/server/pdf';
import type { QuoteLine } from '../src/modules/quotes/contract';
import { quoteTotals } from '../src/modules/quotes/totals';

/**
 * A quote with 200 lines: its totals (target ≤ 20 ms) and its PDF (target ≤ 500 ms), the median of
 * a few runs after a warm-up. Pure functions: no database, no server.
 */
export async function quoteBench(runs = 15) {
  const lines = Array.from({ length: 200 }, (_, i) => ({
    productId: `0190f0f0-0000-7000-8000-${String(i).padStart(12, '0')}`,
    quantity: 1 + (i % 17),
    unitPrice: (19.99 + i * 3.37).toFixed(2),
    discountPercent: String(i % 25),
    taxRate: i % 3 ? '20' : '7.5',
  }));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (work: () => unknown) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  await time(() => quoteTotals(lines, '5'));
  const totalsMs: number[] = [];
  for (let i = 0; i < runs; i++) totalsMs.push(await time(() => quoteTotals(lines, '5')));
  const totals = quoteTotals(lines, '5');
  const printed: QuoteLine[] = lines.map((l, i) => ({
    ...l,
    sku: `SKU-${i}`,
    name: `Product number ${i}`,
    unit: 'seat',
    ...totals.lines[i],
  }));
  const quote = {
    number: 42,
    revision: 1,
    title: 'Q-00042 v1 · Bench',
    currency: 'EUR',
    validUntil: '2026-12-31',
    terms: 'Payment within 30 days.',
    lines: printed,
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
    accountName: 'Bench Ltd',
  };
  const settings = {
    approvalDiscountPercent: null,
    taxRates: {},
    companyName: 'Rapport',
    companyAddress: '1 Main Street',
    terms: null,
    validityDays: 30,
    logoBase64: null,
  };
  await time(() => quotePdf(quote, settings));
  const pdfMs: number[] = [];
  for (let i = 0; i < Math.min(runs, 7); i++) pdfMs.push(await time(() => quotePdf(quote, settings)));
  const result = { totalsMs: median(totalsMs), pdfMs: median(pdfMs) };
  console.log(
    `Quote with 200 lines: totals ${result.totalsMs.toFixed(2)} ms (target ≤ 20), PDF ${result.pdfMs.toFixed(1)} ms (target ≤ 500)`,
  );
  return result;
}
