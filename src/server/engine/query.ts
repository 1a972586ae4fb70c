import { sql, type SQL } from 'drizzle-orm';
import { isAddressPart } from '../../common/address';
import { ValidationFailed } from '../../common/errors';
import { fieldKinds } from './fieldKinds';
import type { RequestContext } from './context';
import type { ResolvedField, ResolvedObject } from './resolved';
import { typed } from './sqlValues';
import { baseConditions, tableOf } from './tableScope';

/**
 * The one compiler from Rapport's filter / sort / cursor language to parameterized SQL.
 * Every user-supplied value is bound as a parameter; identifiers come only from declarations.
 */

/** A field by API name, including `address.city`-style parts of an address. */
export function lookupField(object: ResolvedObject, name: string, path: string): ResolvedField {
  const direct = object.fields.get(name);
  if (direct && !direct.retired) return direct;
  const [base, part] = name.split('.', 2);
  const parent = object.fields.get(base);
  if (parent && parent.spec.type === 'address' && part && isAddressPart(part) && !parent.custom) {
    return {
      ...parent,
      name,
      spec: { type: 'text', label: `${parent.spec.label} ${part}` },
      kind: fieldKinds.text,
      expr: sql`(${parent.expr}->>${part})`,
      json: sql`(${parent.expr}->>${part})`,
    };
  }
  throw new ValidationFailed(`Unknown field "${name}"`, [{ path, message: `unknown field "${name}"` }]);
}

export interface SortItem {
  key: string;
  expr: SQL;
  dir: 'asc' | 'desc';
  cast: string;
  nullable: boolean;
}

/**
 * `accountId.name`: the referred record's field as a value of this record, null where the reference is
 * empty or the referred record is hidden from the caller. A correlated subquery per row: fine for pages
 * of filtered lists, costly over a whole large table (it cannot use an index for the order).
 */
export function referencedSortField(
  ctx: RequestContext,
  object: ResolvedObject,
  name: string,
  position: number,
  path = 'sort',
): ResolvedField | null {
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const reference = object.fields.get(name.slice(0, dot));
  const target = reference?.spec.reference ? object.peers.get(reference.spec.reference) : undefined;
  if (!reference || reference.retired || reference.spec.type !== 'reference' || !target) return null;
  const related = target.as(`s${position}`);
  const field = lookupField(related, name.slice(dot + 1), path);
  const value = sql`(SELECT ${field.expr} FROM ${tableOf(related)} WHERE ${sql.join(
    [...baseConditions(ctx, related), sql`${related.fields.get('id')!.expr} = ${reference.expr}`],
    sql` AND `,
  )})`;
  return { ...field, name, nullable: true, expr: value, json: value };
}

export function parseSort(
  ctx: RequestContext,
  object: ResolvedObject,
  sort: string | string[] | undefined,
): SortItem[] {
  const spec = (Array.isArray(sort) ? sort.join(',') : (sort ?? '')).trim() || object.declaration.defaultSort;
  const items: SortItem[] = [];
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const dir = part.startsWith('-') ? 'desc' : 'asc';
    const name = part.replace(/^[-+]/, '');
    const field = referencedSortField(ctx, object, name, items.length) ?? lookupField(object, name, 'sort');
    const sortable = field.spec.sortable ?? (!field.kind.isArray && field.kind.cast !== 'jsonb');
    if (!sortable)
      throw new ValidationFailed(`Cannot sort by ${name}`, [
        { path: 'sort', message: `${name} is not sortable` },
      ]);
    if (items.some((i) => i.key === name)) continue;
    items.push({ key: name, expr: field.expr, dir, cast: field.kind.cast, nullable: field.nullable });
  }
  if (items.length > 5)
    throw new ValidationFailed('Sort by at most 5 fields', [{ path: 'sort', message: 'at most 5 fields' }]);
  if (!items.some((i) => i.key === 'id'))
    items.push({
      key: 'id',
      expr: object.fields.get('id')?.expr ?? sql`t.id`,
      dir: 'asc',
      cast: 'uuid',
      nullable: false,
    });
  return items;
}

/** ORDER BY for the sort: ASC puts nulls last, DESC first (PostgreSQL's defaults), matching keysetAfter. */
export function orderBy(items: SortItem[]): SQL {
  return sql.join(
    items.map((i) => (i.dir === 'asc' ? sql`${i.expr} ASC NULLS LAST` : sql`${i.expr} DESC NULLS FIRST`)),
    sql`, `,
  );
}

/** Rows strictly after the cursor's values in the order of `items`. */
export function keysetAfter(items: SortItem[], values: unknown[]): SQL {
  const clauses: SQL[] = [];
  for (let i = 0; i < items.length; i++) {
    const equalBefore = items.slice(0, i).map((item, j) => equalTo(item, values[j]));
    const after = strictlyAfter(items[i], values[i]);
    if (!after) continue;
    clauses.push(sql.join([...equalBefore, after], sql` AND `));
  }
  return clauses.length
    ? sql`(${sql.join(
        clauses.map((c) => sql`(${c})`),
        sql` OR `,
      )})`
    : sql`FALSE`;
}

function equalTo(item: SortItem, value: unknown): SQL {
  return value === null ? sql`${item.expr} IS NULL` : sql`${item.expr} = ${typed(value, item.cast)}`;
}

function strictlyAfter(item: SortItem, value: unknown): SQL | null {
  if (item.dir === 'asc') {
    return value === null ? null : sql`(${item.expr} > ${typed(value, item.cast)} OR ${item.expr} IS NULL)`;
  }
  return value === null ? sql`${item.expr} IS NOT NULL` : sql`${item.expr} < ${typed(value, item.cast)}`;
}

/**
 * The conditions of the page after a cursor, shaped so PostgreSQL can start an index range scan at the
 * cursor: the first key also gets a plain bound (`k >= v` ascending, `k <= v` descending). Ascending
 * puts nulls last, so when the first key may be null the rows with a null first key (all after a
 * non-null cursor value) come from a second, `tail` condition, read only if the main one runs out.
 */
export function keysetPlan(items: SortItem[], values: unknown[]): { main: SQL; tail: SQL | null } {
  const [first] = items;
  const v = values[0];
  if (v === null) return { main: keysetAfter(items, values), tail: null };
  const bound = sql`${first.expr} ${sql.raw(first.dir === 'asc' ? '>=' : '<=')} ${typed(v, first.cast)}`;
  const main = sql`${bound} AND ${keysetAfter(items, values)}`;
  return { main, tail: first.dir === 'asc' && first.nullable ? sql`${first.expr} IS NULL` : null };
}

/** Sort values travel as text, read back with the same casts. */
export function sortValueColumns(items: SortItem[]): SQL {
  return sql.join(
    items.map((i, n) => sql`(${i.expr})::text AS ${sql.identifier(`k${n}`)}`),
    sql`, `,
  );
}

export function encodeCursor(items: SortItem[], row: Record<string, unknown>): string {
  const payload = {
    s: items.map((i) => `${i.dir === 'desc' ? '-' : ''}${i.key}`).join(','),
    v: items.map((_, n) => row[`k${n}`] ?? null),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(items: SortItem[], cursor: string): unknown[] {
  const invalid = () =>
    new ValidationFailed('The cursor is not valid for this list', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  let payload: { s?: unknown; v?: unknown };
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
  } catch {
    throw invalid();
  }
  const expected = items.map((i) => `${i.dir === 'desc' ? '-' : ''}${i.key}`).join(',');
  if (payload.s !== expected || !Array.isArray(payload.v) || payload.v.length !== items.length)
    throw invalid();
  if (!payload.v.every((v) => v === null || typeof v === 'string')) throw invalid();
  // Values must parse as their types, else a bad cursor would reach SQL as a cast error.
  items.forEach((item, n) => {
    const v = payload.v as (string | null)[];
    if (v[n] !== null && !castable(v[n] as string, item.cast)) throw invalid();
  });
  return payload.v;
}

function castable(value: string, cast: string): boolean {
  switch (cast) {
    case 'uuid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
    case 'numeric':
    case 'bigint':
    case 'float8':
      return /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'timestamptz':
      return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)?$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
    default:
      return true;
  }
}
