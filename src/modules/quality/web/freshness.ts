import type { FieldProvenance } from '../contract';

/** An age in days as people say it: 20 days, 5 months, 2 years. */
export function ageInWords(days: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days < 60) return plural(days, 'day');
  if (days < 730) return plural(Math.floor(days / 30.44), 'month');
  return plural(Math.floor(days / 365.25), 'year');
}

/** "set 2 years ago by Ada": when a value was last changed and by whom. */
export const setAgo = (p: FieldProvenance) =>
  `set ${p.ageDays === 0 ? 'today' : `${ageInWords(p.ageDays)} ago`} by ${p.actor.name}`;
