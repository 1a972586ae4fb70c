import type { Readable } from 'node:stream';
import { photoOf } from './photos';
import type { SourceRow } from './sources';

/** The columns a vCard becomes; each maps to the contact field of the same name, with no mapping asked. */
export const vcardColumns = [
  'firstName',
  'lastName',
  'title',
  'email',
  'emails',
  'phone',
  'phones',
  'account.name',
  'birthday',
  'notes',
];

export interface VcardProperty {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** Lines of a text stream, whatever the line ends (phones write CRLF, some programs LF or CR). */
async function* linesOf(text: Readable): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of text) {
    const piece = String(chunk);
    rest += piece;
    // A long line (a photo on one line) is split once, when its end comes, not again with every chunk.
    if (!/[\r\n]/.test(piece)) continue;
    const parts = rest.split(/\r\n|\n|\r(?!$)/);
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest) yield rest.replace(/\r$/, '');
}

const propertyStart = /^([A-Za-z0-9-]+\.)?[A-Za-z0-9-]+[;:]/;

function splitUnquoted(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Where a property's value starts: after the first colon outside quotes (the head is short, the value may not be). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i;
  }
  return -1;
}

/** `TEL;TYPE=work,voice;PREF=1:…` and 2.1's bare `TEL;WORK;VOICE:…` alike. */
function parseProperty(line: string): VcardProperty | null {
  const colon = valueStart(line);
  if (colon < 0) return null;
  const head = line.slice(0, colon);
  const [rawName, ...rawParams] = splitUnquoted(head, ';');
  const name = rawName.replace(/^[^.]*\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    const key = eq < 0 ? bareParamKey(p) : p.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1))
      .split(',')
      .map((v) => v.replace(/^"|"$/g, '').toUpperCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

function bareParamKey(value: string): string {
  const v = value.toUpperCase();
  if (['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT'].includes(v)) return 'ENCODING';
  if (v.startsWith('CHARSET')) return 'CHARSET';
  return 'TYPE';
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  const label = /^(utf-?8)$/i.test(charset)
    ? 'utf-8'
    : /8859-1|1252|latin/i.test(charset)
      ? 'windows-1252'
      : 'utf-8';
  return new TextDecoder(label).decode(Uint8Array.from(bytes));
}

/** Splits a structured value (N, ADR, ORG) on unescaped semicolons, then unescapes each part. */
export function components(value: string): string[] {
  return value.split(/(?<!\\);/).map(unescapeText);
}

export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/**
 * Cards of a vCard stream (2.1, 3.0, 4.0), one property list each: folded lines unfolded, 2.1's
 * quoted-printable soft breaks joined and decoded, base64 photo data read to its end.
 */
export async function* vcardCards(text: Readable): AsyncGenerator<VcardProperty[]> {
  let card: VcardProperty[] | null = null;
  // The property being read, a line at a time (a photo may be thousands of lines: joined once, at its end).
  let pending: string[] | null = null;
  let quotedPrintable = false;
  let base64 = false;
  const flush = () => {
    if (pending === null || !card) return;
    const property = parseProperty(pending.join(''));
    pending = null;
    if (!property) return;
    const encoding = property.params.get('ENCODING')?.[0];
    base64 = false;
    if (encoding === 'QUOTED-PRINTABLE')
      property.value = decodeQuotedPrintable(property.value, property.params.get('CHARSET')?.[0] ?? 'utf-8');
    card.push(property);
  };
  for await (const line of linesOf(text)) {
    const folded = /^[ \t]/.test(line);
    const qpSoftBreak = pending !== null && quotedPrintable && pending[pending.length - 1].endsWith('=');
    if (pending !== null && (folded || qpSoftBreak || (base64 && line.trim() && !propertyStart.test(line)))) {
      pending.push(qpSoftBreak && !folded ? `\n${line}` : folded ? line.slice(1) : line);
      continue;
    }
    flush();
    if (!line.trim()) continue;
    if (/^BEGIN:VCARD$/i.test(line.trim())) {
      card = [];
      continue;
    }
    if (/^END:VCARD$/i.test(line.trim())) {
      if (card) yield card;
      card = null;
      continue;
    }
    pending = [line];
    const head = line.split(':', 1)[0];
    quotedPrintable = /QUOTED-PRINTABLE/i.test(head);
    base64 = /ENCODING=(B|BASE64)|;BASE64[;:]/i.test(head);
  }
  flush();
  if (card) yield card;
}

function isPreferred(p: VcardProperty): boolean {
  return (p.params.get('TYPE') ?? []).includes('PREF') || p.params.has('PREF');
}

function preferredFirst(values: VcardProperty[]): string[] {
  return [...values.filter(isPreferred), ...values.filter((p) => !isPreferred(p))]
    .map((p) => unescapeText(p.value).trim())
    .filter(Boolean);
}

/** 19901210, 1990-12-10 and 1990-12-10T00:00:00Z are a day; a birthday without a year (--1210) is not kept. */
function birthday(value: string | undefined): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value?.trim() ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : '';
}

/** A card as a row of the vCard columns; multiple emails or phones are joined with "; ". */
export function cardRow(card: VcardProperty[], row: number): SourceRow {
  const all = (name: string) => card.filter((p) => p.name === name);
  const first = (name: string) => all(name)[0]?.value;
  const [family = '', given = ''] = first('N') !== undefined ? components(first('N')!) : [];
  let firstName = given.trim();
  let lastName = family.trim();
  if (!firstName && !lastName && first('FN')) {
    const words = unescapeText(first('FN')!).trim().split(/\s+/);
    lastName = words.pop() ?? '';
    firstName = words.join(' ');
  }
  const emails = preferredFirst(all('EMAIL'));
  const phones = preferredFirst(all('TEL'));
  const org = first('ORG') !== undefined ? components(first('ORG')!)[0].trim() : '';
  const photoProperty = first('PHOTO') !== undefined ? all('PHOTO')[0] : null;
  const encoding = photoProperty?.params.get('ENCODING')?.[0];
  const photo = photoProperty
    ? photoOf(photoProperty.value, encoding === 'B' || encoding === 'BASE64')
    : undefined;
  return {
    row,
    cells: [
      firstName,
      lastName,
      unescapeText(first('TITLE') ?? '').trim(),
      emails[0] ?? '',
      emails.slice(1).join('; '),
      phones[0] ?? '',
      phones.slice(1).join('; '),
      org,
      birthday(first('BDAY')),
      unescapeText(first('NOTE') ?? ''),
    ],
    photo: photo && 'bytes' in photo ? photo : undefined,
    note: photo && 'dropped' in photo ? photo.dropped : undefined,
  };
}

export async function* vcardRows(text: Readable): AsyncGenerator<SourceRow> {
  let row = 0;
  for await (const card of vcardCards(text)) yield cardRow(card, ++row);
}
