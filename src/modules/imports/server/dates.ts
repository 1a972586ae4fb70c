/** Whether day/month/year dates of a column read the day or the month first, decided from its sample. */
export type DayOrder = 'dmy' | 'mdy';

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/**
 * A column's order: any first part above 12 means day first, any second part above 12 month first;
 * when every sample date reads both ways, the workspace's country decides (the US writes months first).
 */
export function dayOrderOf(samples: string[], defaultCountry: string): DayOrder {
  for (const s of samples) {
    const m = numeric.exec(s.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return defaultCountry === 'US' ? 'mdy' : 'dmy';
}

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

const fullYear = (y: string) => (y.length === 4 ? Number(y) : Number(y) + (Number(y) < 70 ? 2000 : 1900));

/**
 * A day from the forms spreadsheets hold: ISO (2026-03-03, also with a time), 03/03/2026 in the
 * column's order, "3 Mar 2026", "March 3, 2026", and Excel's day serials (46084). Null when it is none.
 */
export function parseDay(text: string, order: DayOrder): string | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = numeric.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return order === 'dmy' ? isoDay(fullYear(m[3]), b, a) : isoDay(fullYear(m[3]), a, b);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})$/i.exec(s);
  if (m) return named(m[3], m[2], m[1]);
  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(s);
  if (m) return named(m[3], m[1], m[2]);
  // Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 20000-80000 is 1954-2119.
  if (/^\d{5}(\.\d+)?$/.test(s) && Number(s) >= 20000 && Number(s) <= 80000) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000);
    return date.toISOString().slice(0, 10);
  }
  return null;
}

function named(year: string, month: string, day: string): string | null {
  const index = months.indexOf(month.slice(0, 3).toLowerCase());
  return index < 0 ? null : isoDay(Number(year), index + 1, Number(day));
}
