import dayjs from 'dayjs';
import type { FieldMeta } from '../../../common/metadata';
import { addressParts, type Address } from '../../../common/address';

/** Groups the integer part of a decimal string without ever turning it into a float. */
export function formatDecimal(value: string): string {
  const [whole, fraction] = value.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A moment as the app writes it everywhere: 29 Nov 2026, 23:50 (what is not a date stays as it is). */
export function formatDateTime(iso: string): string {
  return dayjs(iso).isValid() ? dayjs(iso).format('D MMM YYYY, HH:mm') : iso;
}

export function formatAddress(value: Address | null | undefined): string {
  if (!value) return '';
  return addressParts
    .map((part) => value[part])
    .filter((part) => part && String(part).trim())
    .join(', ');
}

export function optionLabel(field: FieldMeta, value: string): string {
  return field.options?.find((o) => o.value === value)?.label ?? value;
}

export function isAddress(value: unknown): value is Address {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as plain text, for cells, headers and history; references are resolved elsewhere. */
export function formatFieldText(field: FieldMeta, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'money':
      return formatDecimal(String(value));
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value.toLocaleString() : String(value);
    case 'date':
      return dayjs(String(value)).isValid() ? dayjs(String(value)).format('D MMM YYYY') : String(value);
    case 'datetime':
      return formatDateTime(String(value));
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'select':
      return optionLabel(field, String(value));
    case 'multiselect':
      return Array.isArray(value)
        ? value.map((v) => optionLabel(field, String(v))).join(', ')
        : String(value);
    case 'tags':
    case 'emails':
    case 'phones':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'address':
      return isAddress(value) ? formatAddress(value) : String(value);
    case 'link':
    case 'links':
      return (Array.isArray(value) ? value : [value]).map(linkText).join(', ');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Only web addresses become links: a `javascript:` value stays inert text. */
export function safeHref(value: string): string | null {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A record link as text until a module renders it with the record's name: the object and a short id. */
function linkText(link: unknown): string {
  const { object, id } = (link ?? {}) as { object?: string; id?: string };
  return object && id ? `${object} ${id.slice(-6)}` : '';
}
