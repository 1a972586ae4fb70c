import type { ResolvedField } from '../../../server/engine';
import { parseDay, type DayOrder } from './dates';

export type CellResult = { value: unknown } | { error: string } | null;

const truthy = new Set(['true', 'yes', 'y', '1', 'x', 'on', 'oui', 'ja', 'sí', 'si', '✓']);
const falsy = new Set(['false', 'no', 'n', '0', 'off', 'non', 'nein', '']);

/** "1 234,50", "1,234.50" and "1234.5" are all numbers; the last separator followed by 1-2 digits or not 3 is the decimal one. */
function numberText(text: string): string | null {
  let s = text.replace(/[\s\u00a0']/g, '').replace(/^[$€£¥]|[$€£¥]$/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > lastDot) {
    const decimals = s.length - lastComma - 1;
    s = lastDot >= 0 || decimals !== 3 ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else s = s.replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

const list = (text: string) =>
  text
    .split(/[;,\n]/)
    .map((v) => v.trim())
    .filter(Boolean);

function option(field: ResolvedField, text: string): CellResult {
  const wanted = text.trim().toLowerCase();
  const found = (field.spec.options ?? []).find(
    (o) => o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted,
  );
  return found ? { value: found.value } : { value: text.trim() };
}

/**
 * A cell's text as the value the field's API takes: the engine then validates and normalises it as on
 * every write. An empty cell sets nothing. Formulas and HTML are text like any other: never evaluated.
 */
export function cellValue(field: ResolvedField, text: string, order: DayOrder): CellResult {
  if (text.trim() === '') return null;
  switch (field.spec.type) {
    case 'number':
    case 'integer': {
      const n = numberText(text);
      return n === null ? { error: 'is not a number' } : { value: Number(n) };
    }
    case 'money': {
      const n = numberText(text);
      return n === null ? { error: 'is not an amount' } : { value: n };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (truthy.has(t)) return { value: true };
      if (falsy.has(t)) return { value: false };
      return { error: 'is not yes or no' };
    }
    case 'date': {
      const day = parseDay(text, order);
      return day ? { value: day } : { error: `is not a date: "${text.trim().slice(0, 40)}"` };
    }
    case 'datetime': {
      const at = Date.parse(text.trim());
      if (!Number.isNaN(at)) return { value: new Date(at).toISOString() };
      const day = parseDay(text, order);
      return day ? { value: `${day}T00:00:00.000Z` } : { error: 'is not a date and time' };
    }
    case 'select':
      return option(field, text);
    case 'multiselect':
      return { value: list(text).map((v) => (option(field, v) as { value: string }).value) };
    case 'tags':
    case 'emails':
    case 'phones':
      return { value: list(text) };
    case 'reference':
      return { value: text.trim() };
    case 'longtext':
      return { value: text };
    default:
      return { value: text.trim() };
  }
}

/** Field types a column can be mapped to: compound values (addresses, links, JSON) are not one cell. */
export function isImportable(field: ResolvedField): boolean {
  return !['address', 'link', 'links', 'json'].includes(field.spec.type);
}
