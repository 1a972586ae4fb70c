import type { CycleAnswer } from '../contract';

type Medians = CycleAnswer['overall'];
type Row = CycleAnswer['data'][number];

/** The steps from first touch to payment, in order: their names, and where their days are in an answer. */
export const cycleSteps: { label: string; median: keyof Medians; days: keyof Row }[] = [
  { label: 'First touch to deal', median: 'medianDaysToDeal', days: 'daysToDeal' },
  { label: 'Deal to won', median: 'medianDaysToWin', days: 'daysToWin' },
  { label: 'Won to booked', median: 'medianDaysToBook', days: 'daysToBook' },
  { label: 'Booked to paid', median: 'medianDaysToPay', days: 'daysToPay' },
  { label: 'First touch to paid', median: 'medianProspectToPaymentDays', days: 'prospectToPaymentDays' },
];

/** Days as people read them, in their locale: "12.5 days", "1 day", or a dash where a step is not reached. */
export function formatDays(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${value === 1 ? 'day' : 'days'}`;
}
