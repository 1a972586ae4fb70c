import { createRequire } from 'node:module';

// rrule ships CommonJS under an ES types entry; requiring it is what works in Node, Vitest and the bundle.
const { rrulestr } = createRequire(import.meta.url)('rrule') as typeof import('rrule');

/** A task repeats at most this often; a longer series is refused rather than expanded without end. */
const maxOccurrences = 1000;
const maxYears = 10;

/** Why an RRULE string is refused, or null when it is a bounded rule. */
export function recurrenceError(rule: string): string | null {
  if (/^\s*(DTSTART|RRULE:.*\n)/im.test(rule) || rule.includes('\n'))
    return 'must be one RRULE without DTSTART, such as FREQ=WEEKLY;BYDAY=MO;COUNT=10';
  let options;
  try {
    options = rrulestr(rule.replace(/^RRULE:/i, '')).origOptions;
  } catch {
    return 'is not a valid RRULE (RFC 5545), such as FREQ=WEEKLY;BYDAY=MO;COUNT=10';
  }
  if (options.freq === undefined) return 'needs a FREQ, such as FREQ=DAILY';
  if (!options.count && !options.until) return 'must end: give COUNT or UNTIL';
  if (options.count && options.count > maxOccurrences) return `may repeat at most ${maxOccurrences} times`;
  const limit = new Date();
  limit.setUTCFullYear(limit.getUTCFullYear() + maxYears);
  if (options.until && options.until > limit) return `must end within ${maxYears} years`;
  return null;
}

/**
 * The next occurrence strictly after `current` of a series that started at `start`, or null when the
 * series has ended. COUNT counts from the first occurrence, so the series is expanded from its start.
 */
export function nextOccurrence(rule: string, start: Date, current: Date): Date | null {
  const series = rrulestr(rule.replace(/^RRULE:/i, ''), { dtstart: start });
  return series.after(current, false);
}
