import { ValidationFailed } from '../../../../common/errors';

/** A forecast period: a calendar month or a fiscal quarter, as the days from `start` up to (not incl.) `end`. */
export interface Period {
  key: string;
  kind: 'month' | 'quarter';
  /** YYYY-MM-DD, first day */
  start: string;
  /** YYYY-MM-DD, first day after the period */
  end: string;
}

const day = (year: number, monthIndex: number) => {
  const d = new Date(Date.UTC(year, monthIndex, 1));
  return d.toISOString().slice(0, 10);
};

/**
 * Parses `2026-11` (a calendar month) or `2026-Q4` (a fiscal quarter). A fiscal year is named by
 * the calendar year it starts in: with a start month of April, 2026-Q1 is April to June 2026 and
 * 2026-Q4 is January to March 2027. Anything else is a 400 on `param`.
 */
export function parsePeriod(text: unknown, fiscalStartMonth: number, param = 'period'): Period {
  const value = typeof text === 'string' ? text.trim().toUpperCase() : '';
  const refuse = (): never => {
    throw new ValidationFailed(`"${String(text ?? '')}" is not a period`, [
      { path: param, message: 'must be a month like 2026-11 or a quarter like 2026-Q4' },
    ]);
  };
  const match = /^(\d{4})-(?:Q([1-4])|(\d{2}))$/.exec(value);
  if (!match) return refuse();
  const year = Number(match[1]);
  if (year < 1970 || year > 2200) return refuse();
  if (match[2]) {
    const first = fiscalStartMonth - 1 + 3 * (Number(match[2]) - 1);
    return { key: value, kind: 'quarter', start: day(year, first), end: day(year, first + 3) };
  }
  const month = Number(match[3]);
  if (month < 1 || month > 12) return refuse();
  return { key: value, kind: 'month', start: day(year, month - 1), end: day(year, month) };
}

/** The period of a kind that holds a day (YYYY-MM-DD). */
export function periodOf(isoDay: string, kind: Period['kind'], fiscalStartMonth: number): Period {
  const year = Number(isoDay.slice(0, 4));
  const month = Number(isoDay.slice(5, 7));
  if (kind === 'month') return parsePeriod(isoDay.slice(0, 7), fiscalStartMonth);
  const sinceStart = (month - fiscalStartMonth + 12) % 12;
  const fiscalYear = month >= fiscalStartMonth ? year : year - 1;
  return parsePeriod(`${fiscalYear}-Q${Math.floor(sinceStart / 3) + 1}`, fiscalStartMonth);
}

/** The period `steps` periods before (negative: after) this one. */
export function shiftPeriod(period: Period, steps: number, fiscalStartMonth: number): Period {
  const start = new Date(`${period.start}T00:00:00Z`);
  const months = (period.kind === 'month' ? 1 : 3) * steps;
  const shifted = day(start.getUTCFullYear(), start.getUTCMonth() - months);
  return periodOf(shifted, period.kind, fiscalStartMonth);
}

/** The months of a period (one for a month, three for a quarter), as period keys. */
export function monthsOf(period: Period): string[] {
  if (period.kind === 'month') return [period.key];
  const start = new Date(`${period.start}T00:00:00Z`);
  return [0, 1, 2].map((i) => day(start.getUTCFullYear(), start.getUTCMonth() + i).slice(0, 7));
}

/** The Monday (YYYY-MM-DD) of the week holding an instant, in UTC. */
export function weekOf(at: Date): string {
  const monday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}
