import { sql, type SQL } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ownValue, type Values } from './lifecycle';
import { isNameField } from './declaration';
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
    const value = ownValue(values, field.name);
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

/**
 * What a search compares: the words of the stored search text and the record's names, or the same
 * built from the fields a role may see; `digits` finds a phone number's digits in them.
 */
export interface SearchColumns {
  vector: SQL;
  names: SQL;
  digits(digits: string): SQL;
}

/** The words and names a record stores (of every searchable field), on alias `t`. */
export function storedSearch(t: SQL): SearchColumns {
  const vector = sql`${t}.search_vector`;
  return {
    vector,
    names: sql`${t}.search_names`,
    // Phones are stored as words of digits, in E.164 and national form: the query's digits start one.
    digits: (digits) => sql`${vector} @@ to_tsquery('simple', ${`${digits}:*`})`,
  };
}

/**
 * The search text of only the searchable fields a role may see, built when read: a search by a role
 * from whom a searchable field is hidden must also match here, so the hidden field's text finds
 * nothing. Null when the role sees every searchable field. Phones count by their digits.
 */
export function visibleSearch(object: ResolvedObject): SearchColumns | null {
  const searchable = [...object.full.fields.values()].filter((f) => f.spec.searchable && !f.retired);
  if (searchable.every((f) => object.fields.has(f.name))) return null;
  const seen = searchable.filter((f) => object.fields.has(f.name));
  const parts = seen.map((f) => {
    const value = object.fields.get(f.name)!.expr;
    const text = f.kind.isArray ? sql`array_to_string(${value}, ' ')` : sql`(${value})::text`;
    const phone = f.spec.type === 'phone' || f.spec.type === 'phones';
    return phone ? sql`${text}, regexp_replace(${text}, '[^0-9 ]', '', 'g')` : text;
  });
  const lowered = (list: SQL[]) =>
    list.length ? sql`lower(concat_ws(' ', ${sql.join(list, sql`, `)}))` : sql`''`;
  const text = lowered(parts);
  const names = lowered(
    seen
      .filter((f) => isNameField(f.spec, f.custom))
      .map((f) => sql`(${object.fields.get(f.name)!.expr})::text`),
  );
  // Only a second check beside the stored columns' (which the indexes serve): the digits anywhere.
  return {
    vector: sql`to_tsvector('simple', ${text})`,
    names,
    digits: (d) => sql`${text} LIKE ${`%${d}%`}`,
  };
}

export function wordsCondition(q: string, t: SearchColumns): SQL {
  const prefix = prefixQuery(q);
  return prefix ? sql`${t.vector} @@ to_tsquery('simple', ${prefix})` : sql`FALSE`;
}

/**
 * Records with a phone number whose digits start with the query's: a phone number in any format.
 * Leading zeros (a trunk prefix "0" or an international "00") are dropped, so "020 7946 0958" and
 * "0044 20 7946 0958" both find +44 20 7946 0958, stored as its E.164 and national digits.
 */
export function digitsCondition(q: string, t: SearchColumns): SQL {
  const digits = q.replace(/\D/g, '').replace(/^0+/, '');
  return digits ? t.digits(digits) : sql`FALSE`;
}

/** Records with a name similar to the query (trigram index over the names): the typo-tolerant second pass. */
export function fuzzyCondition(q: string, t: SearchColumns): SQL {
  return sql`${normaliseQuery(q)} <% ${t.names}`;
}

/** The condition of `q=` in a list: digits for phone numbers, else word prefixes or a similar word. */
export function searchCondition(q: string, t: SearchColumns): SQL {
  if (isPhoneQuery(q)) return digitsCondition(q, t);
  return sql`(${wordsCondition(q, t)} OR ${fuzzyCondition(q, t)})`;
}

export function searchScore(q: string, t: SearchColumns): SQL {
  if (isPhoneQuery(q)) return sql`1::float8`;
  const prefix = prefixQuery(q);
  const rank = prefix ? sql`ts_rank(${t.vector}, to_tsquery('simple', ${prefix}))` : sql`0`;
  return sql`greatest(${rank}, word_similarity(${normaliseQuery(q)}, ${t.names}))::float8`;
}
