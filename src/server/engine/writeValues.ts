import { sql, type SQL } from 'drizzle-orm';
import type { Values } from './lifecycle';
import { recordJson } from './recordJson';
import type { ResolvedField, ResolvedObject } from './resolved';
import { pgTextArray } from './sqlValues';

/** A field's value as the text its column parses (cast to the field's type when written); null is NULL. */
export function cellText(field: ResolvedField, value: unknown): string | null {
  // List columns are NOT NULL: clearing one (null) stores the empty list.
  if (value === null || value === undefined) return field.kind.empty ?? null;
  if (field.kind.isArray) return pgTextArray(value as unknown[]);
  if (field.kind.cast === 'jsonb') return JSON.stringify(value);
  return String(value);
}

/** The values of custom fields, which live in the `custom` JSONB column. */
export function customPart(object: ResolvedObject, values: Values): Values {
  const custom: Values = {};
  for (const [name, value] of Object.entries(values))
    if (object.fields.get(name)?.custom) custom[name] = value;
  return custom;
}

/** The JSON columns a write returns: the whole record, and the writer's view where fields are hidden from them. */
export function returning(object: ResolvedObject): SQL {
  const whole = sql`(${recordJson(object.full)})::text AS j`;
  return object.full === object ? whole : sql`${whole}, (${recordJson(object)})::text AS v`;
}

/** A whole record as the writer may see it: only the fields of their view, in its order. */
export function viewOf(object: ResolvedObject, record: Values): string {
  if (object.full === object) return JSON.stringify(record);
  const view: Values = {};
  for (const [name, field] of object.fields)
    if (!field.retired && Object.hasOwn(record, name)) view[name] = record[name];
  return JSON.stringify(view);
}
