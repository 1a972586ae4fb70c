import type { Values } from '../../../server/engine';

/** Text as a vCard value: backslash, comma, semicolon and line breaks escaped (RFC 6350 §3.4). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets folded with CRLF and a space, never inside a UTF-8 character. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** One contact as a vCard 4.0, with its account's name as ORG. */
export function contactVcard(contact: Values & { id: string }, accountName: string | null): string {
  const first = text(contact.firstName);
  const last = text(contact.lastName);
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `UID:urn:uuid:${contact.id}`,
    `FN:${escapeText([first, last].filter(Boolean).join(' '))}`,
    `N:${escapeText(last)};${escapeText(first)};;;`,
  ];
  if (text(contact.title)) lines.push(`TITLE:${escapeText(text(contact.title))}`);
  if (accountName) lines.push(`ORG:${escapeText(accountName)}`);
  if (text(contact.email)) lines.push(`EMAIL;PREF=1:${escapeText(text(contact.email))}`);
  for (const email of (contact.emails as string[] | null) ?? []) lines.push(`EMAIL:${escapeText(email)}`);
  if (text(contact.phone)) lines.push(`TEL;VALUE=uri;PREF=1;TYPE=work,voice:tel:${text(contact.phone)}`);
  if (text(contact.mobilePhone)) lines.push(`TEL;VALUE=uri;TYPE=cell,voice:tel:${text(contact.mobilePhone)}`);
  for (const phone of (contact.phones as string[] | null) ?? []) lines.push(`TEL;VALUE=uri:tel:${phone}`);
  const address = contact.mailingAddress as Record<string, string | null> | null;
  if (address && Object.values(address).some(Boolean)) {
    // ADR: post office box; extended; street; locality; region; postal code; country (RFC 6350 §6.3.1).
    const parts = ['street', 'city', 'region', 'postalCode', 'country'].map((k) =>
      escapeText(address[k] ?? ''),
    );
    lines.push(`ADR;TYPE=work:;;${parts.join(';')}`);
  }
  if (text(contact.birthday)) lines.push(`BDAY:${text(contact.birthday).replace(/-/g, '')}`);
  if (text(contact.notes)) lines.push(`NOTE:${escapeText(text(contact.notes))}`);
  if (text(contact.updatedAt))
    lines.push(`REV:${text(contact.updatedAt).replace(/[-:]/g, '').replace(/\.\d+/, '')}`);
  lines.push('END:VCARD');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
