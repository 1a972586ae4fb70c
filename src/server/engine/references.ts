import { sql } from 'drizzle-orm';
import type { FieldError } from '../../common/errors';
import type { RecordLink } from '../../common/recordLink';
import { rows, type Executor } from '../db/database';
import type { RequestContext } from './context';
import { ownValue, type Values } from './lifecycle';
import { baseConditions, tableOf } from './tableScope';
import type { ResolvedObject } from './resolved';

export type ObjectLookup = (name: string) => ResolvedObject | undefined;

/**
 * Every reference a write sets must point at a live record the writer can see, and an owner must be
 * an active user the writer may assign to: reps themselves, managers their team, admins anyone.
 * One query per referenced object for the whole batch.
 */
export async function referenceErrors(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  lookup: ObjectLookup,
  batch: { values: Values; path: string }[],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const fields = [...object.fields.values()].filter(
    (f) => f.spec.type === 'reference' && f.spec.reference && !f.spec.readOnly,
  );
  for (const field of fields) {
    if (field.name === 'ownerId') errors.push(...clearedOwnerErrors(ctx, batch));
    const wanted = batch.flatMap(({ values, path }) => {
      const id = ownValue(values, field.name);
      return typeof id === 'string' ? [{ id, path: [path, field.name].filter(Boolean).join('.') }] : [];
    });
    if (wanted.length === 0) continue;
    const ids = `{${[...new Set(wanted.map((w) => w.id))].join(',')}}`;
    let found: Set<string>;
    if (field.spec.reference === 'users') {
      found = new Set((await rows<{ id: string }>(tx, ownerQuery(ctx, ids))).map((r) => r.id));
    } else {
      const target = lookup(field.spec.reference as string);
      if (!target) continue;
      found = await visibleIds(ctx, tx, target, ids);
    }
    for (const w of wanted) {
      if (found.has(w.id)) continue;
      const message =
        field.spec.reference === 'users'
          ? 'is not a user you can assign records to'
          : `no ${field.spec.reference} record with id ${w.id}`;
      errors.push({ path: w.path, message });
    }
  }
  errors.push(...(await linkErrors(ctx, tx, object, lookup, batch)));
  return errors;
}

/**
 * Every link a write sets (a polymorphic reference: `{object, id}`) must point at a live record of an
 * object of the workspace that the writer can see. One query per linked object for the whole batch.
 */
async function linkErrors(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  lookup: ObjectLookup,
  batch: { values: Values; path: string }[],
): Promise<FieldError[]> {
  const wanted: { link: RecordLink; path: string }[] = [];
  for (const field of object.fields.values()) {
    if (!field.kind.isLink || field.spec.readOnly) continue;
    for (const { values, path } of batch) {
      const value = ownValue(values, field.name);
      const at = [path, field.name].filter(Boolean).join('.');
      if (Array.isArray(value))
        value.forEach((link, i) => wanted.push({ link: link as RecordLink, path: `${at}.${i}` }));
      else if (value) wanted.push({ link: value as RecordLink, path: at });
    }
  }
  const problems = new Map<(typeof wanted)[number], FieldError>();
  const byObject = new Map<string, typeof wanted>();
  for (const w of wanted) byObject.set(w.link.object, [...(byObject.get(w.link.object) ?? []), w]);
  for (const [name, links] of byObject) {
    const target = lookup(name);
    if (!target) {
      for (const w of links)
        problems.set(w, { path: `${w.path}.object`, message: `there is no object called "${name}"` });
      continue;
    }
    const found = await visibleIds(
      ctx,
      tx,
      target,
      `{${[...new Set(links.map((w) => w.link.id))].join(',')}}`,
    );
    for (const w of links)
      if (!found.has(w.link.id))
        problems.set(w, { path: `${w.path}.id`, message: `no ${name} record with id ${w.link.id}` });
  }
  // In the order the links were written, not the order they were looked up in.
  const errors = wanted.flatMap((w) => (problems.has(w) ? [problems.get(w)!] : []));
  return errors;
}

/** Which of `ids` (an array literal) are live records of `target` the writer can see. */
async function visibleIds(ctx: RequestContext, tx: Executor, target: ResolvedObject, ids: string) {
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT t.id FROM ${tableOf(target)} WHERE ${sql.join([...baseConditions(ctx, target), sql`t.id = ANY(${ids}::uuid[])`], sql` AND `)}`,
  );
  return new Set(found.map((r) => r.id));
}

/** No owner is an owner value like any other: only an admin, who may assign anyone, may leave a record without one. */
function clearedOwnerErrors(ctx: RequestContext, batch: { values: Values; path: string }[]): FieldError[] {
  if (ctx.role === 'admin') return [];
  return batch
    .filter(({ values }) => Object.hasOwn(values, 'ownerId') && values.ownerId === null)
    .map(({ path }) => ({
      path: [path, 'ownerId'].filter(Boolean).join('.'),
      message: 'only an admin can leave a record without an owner',
    }));
}

function ownerQuery(ctx: RequestContext, ids: string) {
  const active = sql`u.workspace_id = ${ctx.workspace.id} AND NOT u.disabled AND u.id = ANY(${ids}::uuid[])`;
  if (ctx.role === 'admin') return sql`SELECT u.id FROM users u WHERE ${active}`;
  if (ctx.role === 'manager' && ctx.teamId) {
    return sql`SELECT u.id FROM users u WHERE ${active} AND (u.id = ${ctx.userId} OR u.team_id = ${ctx.teamId})`;
  }
  return sql`SELECT u.id FROM users u WHERE ${active} AND u.id = ${ctx.userId}`;
}
