import { Readable } from 'node:stream';
import { ValidationFailed } from '../../../common/errors';
import type { ResolvedObject, Values } from '../../../server/engine';
import { components, unescapeText, vcardCards, type VcardProperty } from '../../imports/server';

const preferred = (p: VcardProperty) => p.params.has('PREF') || (p.params.get('TYPE') ?? []).includes('PREF');
const typed = (p: VcardProperty, type: string) => (p.params.get('TYPE') ?? []).includes(type);
const textOf = (p: VcardProperty | undefined) => (p ? unescapeText(p.value).trim() : '');
const phoneOf = (p: VcardProperty) => textOf(p).replace(/^tel:/i, '');

/** The one card of a PUT body (2.1, 3.0 or 4.0); none, or several, is a 400 that writes nothing. */
export async function cardOf(body: unknown): Promise<VcardProperty[]> {
  const text = typeof body === 'string' ? body : '';
  const cards: VcardProperty[][] = [];
  for await (const card of vcardCards(Readable.from([text]))) cards.push(card);
  if (cards.length !== 1)
    throw new ValidationFailed(
      cards.length ? 'Send one vCard at a time' : 'The body is not a vCard (BEGIN:VCARD … END:VCARD)',
    );
  return cards[0];
}

/** 19901210, 1990-12-10 and 1990-12-10T00:00:00Z are a day; a birthday without a year is not kept. */
function day(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * A card as contact values, the way Rapport's own cards are written: the preferred email and phone
 * to Email and Phone, a cell number to Mobile, the rest to the other emails and phones.
 */
export function cardValues(card: VcardProperty[]): Values {
  const all = (name: string) => card.filter((p) => p.name === name);
  const [family = '', given = ''] = all('N')[0] ? components(all('N')[0].value) : [];
  let firstName = given.trim();
  let lastName = family.trim();
  if (!firstName && !lastName) {
    const words = textOf(all('FN')[0]).split(/\s+/).filter(Boolean);
    lastName = words.pop() ?? '';
    firstName = words.join(' ');
  }
  const emails = [...all('EMAIL').filter(preferred), ...all('EMAIL').filter((p) => !preferred(p))]
    .map(textOf)
    .filter(Boolean);
  const tels = all('TEL').filter((p) => phoneOf(p));
  const mobile = tels.find((p) => typed(p, 'CELL') && !typed(p, 'WORK'));
  const others = tels.filter((p) => p !== mobile);
  const phones = [...others.filter(preferred), ...others.filter((p) => !preferred(p))].map(phoneOf);
  const adr = all('ADR')[0];
  const [, , street = '', city = '', region = '', postalCode = '', country = ''] = adr
    ? components(adr.value)
    : [];
  const address = { street, city, region, postalCode, country };
  const hasAddress = Object.values(address).some((v) => v.trim());
  return {
    firstName: firstName || null,
    lastName: lastName || null,
    title: textOf(all('TITLE')[0]) || null,
    email: emails[0] ?? null,
    emails: emails.slice(1),
    phone: phones[0] ?? null,
    mobilePhone: mobile ? phoneOf(mobile) : null,
    phones: phones.slice(1),
    mailingAddress: hasAddress
      ? Object.fromEntries(Object.entries(address).map(([k, v]) => [k, v.trim() || null]))
      : null,
    birthday: day(textOf(all('BDAY')[0])),
    notes: textOf(all('NOTE')[0]) || null,
  };
}

/** A value as comparable text: an address's parts in one order, empty parts and lists as nothing. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (value && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== '');
    return parts.length ? JSON.stringify(parts.sort(([a], [b]) => a.localeCompare(b))) : 'null';
  }
  return JSON.stringify(value ?? null);
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const empty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);

/**
 * What a card changes on a contact: only fields the caller may see and change, only those that differ
 * (a field hidden from their role is never cleared because the phone's card lacks it).
 */
export function changedValues(contacts: ResolvedObject, values: Values, current: Values | null): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) {
    const field = contacts.fields.get(name);
    if (!field || field.spec.readOnly) continue;
    if (current ? same(current[name], value) : empty(value)) continue;
    out[name] = value;
  }
  return out;
}
