import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import {
  baseConditions,
  tableOf,
  type ObjectMap,
  type RequestContext,
  type ResolvedField,
} from '../../../server/engine';

/** A related record that points at one of the merged records. */
export interface Pointer {
  object: string;
  field: string;
  recordId: string;
  /** the field's value before the merge: the merged record's id, or the whole link list */
  from: unknown;
}

const isReferenceTo = (f: ResolvedField, object: string) =>
  f.spec.type === 'reference' && f.spec.reference === object && !f.spec.readOnly && !f.computed && !f.retired;
const isLink = (f: ResolvedField) => !!f.kind.isLink && !f.spec.readOnly && !f.computed && !f.retired;

/**
 * Every live record of every object (standard, custom, and those of modules added later) whose
 * reference or link fields point at one of `ids` of `object`: found from the objects' metadata, so no
 * module has to list what refers to what.
 */
export async function pointersTo(
  ctx: RequestContext,
  tx: Executor,
  objects: ObjectMap,
  object: string,
  ids: string[],
): Promise<Pointer[]> {
  const pointers: Pointer[] = [];
  const list = `{${ids.join(',')}}`;
  for (const other of objects.values()) {
    for (const field of other.fields.values()) {
      let condition;
      if (isReferenceTo(field, object)) condition = sql`(${field.expr})::text = ANY(${list}::text[])`;
      else if (isLink(field) && field.spec.type === 'link')
        condition = sql`(${field.expr})->>'object' = ${object} AND (${field.expr})->>'id' = ANY(${list}::text[])`;
      else if (isLink(field))
        condition = sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${field.expr}) l
          WHERE l->>'object' = ${object} AND l->>'id' = ANY(${list}::text[]))`;
      else continue;
      const found = await rows<{ id: string; v: unknown }>(
        tx,
        sql`SELECT t.id, ${field.expr} AS v FROM ${tableOf(other)}
          WHERE ${sql.join([...baseConditions(ctx, other), condition], sql` AND `)} FOR UPDATE`,
      );
      for (const r of found)
        pointers.push({ object: other.name, field: field.name, recordId: r.id, from: r.v });
    }
  }
  return pointers;
}

/** The value a pointer gets when `from` ids become `to`: a reference becomes `to`, links are rewritten once each. */
export function repointed(value: unknown, object: string, from: Set<string>, to: string): unknown {
  const swap = (link: { object: string; id: string }) =>
    link.object === object && from.has(link.id) ? { ...link, id: to } : link;
  if (typeof value === 'string') return from.has(value) ? to : value;
  if (Array.isArray(value)) {
    const seen = new Set<string>();
    return (value as { object: string; id: string }[]).map(swap).filter((l) => {
      const key = `${l.object}:${l.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (value && typeof value === 'object') return swap(value as { object: string; id: string });
  return value;
}
