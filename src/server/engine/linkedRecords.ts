import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from './context';
import type { ResolvedField, ResolvedObject } from './resolved';
import { baseConditions, tableOf } from './tableScope';

/** `links.contacts`: a link field and the object whose linked records it names (an activity's contacts). */
export interface LinkedRecords {
  field: ResolvedField;
  target: ResolvedObject;
}

/** The link field and object a path like `links.contacts` names, or null where it names none. */
export function linkedRecordsPath(object: ResolvedObject, path: string): LinkedRecords | null {
  const dot = path.indexOf('.');
  if (dot < 0) return null;
  const field = object.fields.get(path.slice(0, dot));
  const target = object.peers.get(path.slice(dot + 1));
  if (!field || field.retired || !field.kind.isLink || !target) return null;
  return { field, target };
}

/**
 * The ids of the records of the target object that the row's link field links to and the caller may
 * see, as a subquery correlated with the row: a hidden record is as if it were not linked.
 */
export function linkedIds(ctx: RequestContext, { field, target }: LinkedRecords, alias: string): SQL {
  const related = target.as(alias);
  const links = field.spec.type === 'links' ? field.expr : sql`jsonb_build_array(${field.expr})`;
  const id = related.fields.get('id')!.expr;
  return sql`SELECT ${id} FROM ${tableOf(related)} WHERE ${sql.join(
    [
      ...baseConditions(ctx, related),
      sql`${id} IN (SELECT (l.v->>'id')::uuid FROM jsonb_array_elements(${links}) AS l(v)
        WHERE l.v->>'object' = ${target.name})`,
    ],
    sql` AND `,
  )}`;
}
