import { sql, type SQL } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Values } from './declaration';
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

export function searchCondition(q: string): SQL {
  const normal = normaliseQuery(q);
  return sql`(t.search_vector @@ websearch_to_tsquery('simple', ${q}) OR ${normal} <% t.search_text)`;
}

export function searchScore(q: string): SQL {
  const normal = normaliseQuery(q);
  return sql`greatest(ts_rank(t.search_vector, websearch_to_tsquery('simple', ${q})), word_similarity(${normal}, t.search_text))::float8`;
}
