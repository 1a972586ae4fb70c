/** Period keys for the picker, as the server reads them: fiscal quarters named by the year they start in. */
export function fiscalQuarter(date: Date, startMonth: number): { year: number; quarter: number } {
  const month = date.getUTCMonth() + 1;
  const sinceStart = (month - startMonth + 12) % 12;
  return {
    year: month >= startMonth ? date.getUTCFullYear() : date.getUTCFullYear() - 1,
    quarter: Math.floor(sinceStart / 3) + 1,
  };
}

/** The quarter `steps` quarters after (negative: before) a quarter. */
export function shiftQuarter(q: { year: number; quarter: number }, steps: number) {
  const index = q.year * 4 + (q.quarter - 1) + steps;
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}

export const quarterKey = (q: { year: number; quarter: number }) => `${q.year}-Q${q.quarter}`;

/** The picker's choices: four quarters back to two ahead, then this year's months around today. */
export function periodChoices(today: Date, startMonth: number) {
  const current = fiscalQuarter(today, startMonth);
  const quarters = [-4, -3, -2, -1, 0, 1, 2].map((s) => quarterKey(shiftQuarter(current, s)));
  const months = [-3, -2, -1, 0, 1, 2].map((s) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + s, 1));
    return d.toISOString().slice(0, 7);
  });
  return { current: quarterKey(current), quarters, months };
}

/** The periods of the same kind before one: for the accuracy chart. */
export function earlierPeriods(period: string, count: number): string[] {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const at = { year: Number(q[1]), quarter: Number(q[2]) };
    return Array.from({ length: count }, (_, i) => quarterKey(shiftQuarter(at, i - count)));
  }
  const [year, month] = period.split('-').map(Number);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1 + i - count, 1)).toISOString().slice(0, 7),
  );
}
