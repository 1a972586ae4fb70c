import { sql, type SQL } from 'drizzle-orm';
import type { Values } from './lifecycle';
import { recordJson } from './recordJson';
import type { ResolvedField, ResolvedObject } from './resolved';
import { pgTextArray } from './sqlValues';

/** A field's value as a typed SQL value for its column (typed even when null, so it fits a VALUES list). */
export function columnValue(field: ResolvedField, value: unknown): SQL {
  const cast = sql.raw(field.kind.cast);
  // List columns are NOT NULL: clearing one (null) stores the empty list.
  if (value === null || value === undefined)
    return field.kind.empty ? sql`${field.kind.empty}::${cast}` : sql`NULL::${cast}`;
  if (field.kind.isArray) return sql`${pgTextArray(value as unknown[])}::${cast}`;
  if (field.kind.cast === 'jsonb') return sql`${JSON.stringify(value)}::${cast}`;
  if (typeof value === 'boolean') return sql`${value}::${cast}`;
  return sql`${String(value)}::${cast}`;
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
  for (const [name, field] of object.fields) if (!field.retired && name in record) view[name] = record[name];
  return JSON.stringify(view);
}

/**
 * Rows per statement so that one statement stays well under PostgreSQL's 65,535 bound parameters,
 * whatever the number of columns a row sets.
 */
export function rowsPerStatement(cellsPerRow: number): number {
  return Math.max(1, Math.floor(30_000 / Math.max(1, cellsPerRow)));
}

/** `items` in consecutive slices of at most `size`. */
export function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
