import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../server/db/database';
import { rows } from '../../../server/db/database';
import {
  baseConditions,
  tableAlias,
  tableOf,
  type RequestContext,
  type ResolvedField,
  type ResolvedObject,
  type Values,
} from '../../../server/engine';

/** Normalised key text: what two values that are "the same" share. */
export const keyText = (value: unknown) => String(value).trim().toLowerCase();

/** The key of a row for a field (or contacts' `name`: first and last name within the account), or null. */
export function matchKey(field: string, values: Values): string | null {
  if (field === 'name' && !('name' in values)) {
    const first = values.firstName ?? '';
    const last = values.lastName ?? '';
    if (!first && !last) return null;
    return `${keyText(first)}\u0001${keyText(last)}\u0001${String(values.accountId ?? '')}`;
  }
  const value = values[field];
  return value === undefined || value === null || value === '' ? null : keyText(value);
}

/** A field's key in SQL, comparable with `matchKey`'s text; the same rule finds duplicates for quality's unique rules. */
export function keySql(object: ResolvedObject, field: string): SQL {
  const t = tableAlias(object.alias);
  if (field === 'name' && !object.fields.has('name'))
    return sql`lower(coalesce(${t}.first_name, '')) || chr(1) || lower(coalesce(${t}.last_name, '')) || chr(1) || coalesce(${t}.account_id::text, '')`;
  const f = object.fields.get(field) as ResolvedField;
  // Emails and domains are stored lowercase, so the plain column (and its index) answers.
  return ['email', 'domain'].includes(f.spec.type) ? sql`(${f.expr})::text` : sql`lower((${f.expr})::text)`;
}

/** The existing live records with these keys, the oldest for each key, as the caller may see them. */
export async function findByKeys(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  field: string,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const key = keySql(object, field);
  const t = tableAlias(object.alias);
  const found = await rows<{ id: string; k: string }>(
    tx,
    sql`SELECT DISTINCT ON (${key}) ${t}.id, ${key} AS k FROM ${tableOf(object)}
      WHERE ${sql.join([...baseConditions(ctx, object), sql`${key} = ANY(${`{${keys.map(arrayItem).join(',')}}`}::text[])`], sql` AND `)}
      ORDER BY ${key}, ${t}.id`,
  );
  return new Map(found.map((r) => [r.k, r.id]));
}

/** One element of a PostgreSQL array literal, quoted so any text fits. */
export const arrayItem = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
