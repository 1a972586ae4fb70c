import { sql, type SQL } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Values } from './lifecycle';
import type { ResolvedObject } from './resolved';

const phoneLike = /^[\d\s()+.\-/]{6,}$/;

/** The query as it is compared with search text: phone numbers as bare digits, everything lowercase. */
export function normaliseQuery(q: string): string {
  const trimmed = q.trim();
  if (phoneLike.test(trimmed)) return trimmed.replace(/\D/g, '');
  return trimmed.toLowerCase();
}

function phoneTerms(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  const digits = e164.replace(/\D/g, '');
  return parsed ? [digits, String(parsed.nationalNumber)] : [digits];
}

/** What search finds a record by: its searchable fields, phones also as digits in both formats. */
export function buildSearchText(object: ResolvedObject, values: Values): string {
  const terms: string[] = [];
  for (const field of object.fields.values()) {
    if (!field.spec.searchable || field.retired) continue;
    const value = values[field.name];
    if (value === null || value === undefined) continue;
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const item of list) {
      if (field.spec.type === 'phone' || field.spec.type === 'phones') terms.push(...phoneTerms(item));
      else if (field.spec.type === 'url')
        terms.push(item.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, ''));
      else terms.push(item);
    }
  }
  return terms.join(' ').toLowerCase().slice(0, 4000);
}

/** Words of the query as a prefix tsquery (`'acme':* & 'corp':*`), operators and quotes stripped. */
export function prefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[&|!():*<>'\\]/g, ''))
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

export function isPhoneQuery(q: string): boolean {
  return phoneLike.test(q.trim()) && q.replace(/\D/g, '').length >= 6;
}

/** Records whose words start with the query's words (GIN full-text index): the precise first pass. */
export function wordsCondition(q: string, t: SQL): SQL {
  const prefix = prefixQuery(q);
  return prefix ? sql`${t}.search_vector @@ to_tsquery('simple', ${prefix})` : sql`FALSE`;
}

/**
 * Records whose stored digits contain the query's digits: a phone number in any format. Leading zeros
 * (a trunk prefix "0" or an international "00") are dropped, so "020 7946 0958" and "0044 20 7946 0958"
 * both find +44 20 7946 0958, stored as its E.164 and national digits.
 */
export function digitsCondition(q: string, t: SQL): SQL {
  return sql`${t}.search_text LIKE ${`%${q.replace(/\D/g, '').replace(/^0+/, '')}%`}`;
}

/** Records with a word similar to the query (trigram index): the typo-tolerant second pass. */
export function fuzzyCondition(q: string, t: SQL): SQL {
  return sql`${normaliseQuery(q)} <% ${t}.search_text`;
}

/** The condition of `q=` in a list: digits for phone numbers, else word prefixes or a similar word. */
export function searchCondition(q: string, t: SQL): SQL {
  if (isPhoneQuery(q)) return digitsCondition(q, t);
  return sql`(${wordsCondition(q, t)} OR ${fuzzyCondition(q, t)})`;
}

export function searchScore(q: string, t: SQL): SQL {
  if (isPhoneQuery(q)) return sql`1::float8`;
  const prefix = prefixQuery(q);
  const rank = prefix ? sql`ts_rank(${t}.search_vector, to_tsquery('simple', ${prefix}))` : sql`0`;
  return sql`greatest(${rank}, word_similarity(${normaliseQuery(q)}, ${t}.search_text))::float8`;
}
