import type { MeasureUnit, MeasureValue } from '../contract';

/** A measure's value as people read it: rates as percentages, days and ratings with one decimal. */
export function formatMeasure(value: MeasureValue, unit: MeasureUnit, currency?: string): string {
  if (value === null) return '—';
  const n = Number(value);
  switch (unit) {
    case 'fraction':
      return `${(n * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
    case 'days':
      return `${n.toLocaleString(undefined, { maximumFractionDigits: 1 })} days`;
    case 'rating':
      return `${n.toLocaleString(undefined, { maximumFractionDigits: 1 })} / 10`;
    case 'money':
      return currency
        ? n.toLocaleString(undefined, { style: 'currency', currency, maximumFractionDigits: 0 })
        : n.toLocaleString(undefined, { maximumFractionDigits: 2 });
    case 'count':
      return n.toLocaleString();
  }
}
