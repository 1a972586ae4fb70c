import { sql, type SQL } from 'drizzle-orm';
import { isAddressPart } from '../../common/address';
import { ValidationFailed } from '../../common/errors';
import type { FilterNode, FilterOperator } from '../../common/pagination';
import { fieldKinds, type KindEnv } from './fieldKinds';
import type { ResolvedField, ResolvedObject } from './resolved';
import { pgTextArray } from './write';

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

function bad(path: string, message: string): never {
  throw new ValidationFailed(`Invalid filter at ${path}: ${message}`, [{ path, message }]);
}

function coerceRaw(field: ResolvedField, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  switch (field.kind.cast) {
    case 'numeric':
      return field.spec.type === 'money' ? raw : raw.trim() === '' ? NaN : Number(raw);
    case 'bigint':
      return raw.trim() === '' ? NaN : Number(raw);
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'timestamptz':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
    default:
      return raw;
  }
}

function filterValue(field: ResolvedField, raw: unknown, env: KindEnv, path: string): unknown {
  const schema = field.kind.isArray
    ? fieldKinds.text.value({ type: 'text', label: '' }, env)
    : field.kind.value(field.spec, env);
  const parsed = schema.safeParse(coerceRaw(field, raw));
  if (!parsed.success)
    bad(path, `${field.name} ${parsed.error.issues[0]?.message ?? 'has a value of the wrong type'}`);
  return parsed.data;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function typed(value: unknown, cast: string): SQL {
  return sql`${value}::${sql.raw(cast)}`;
}

function compileLeaf(
  object: ResolvedObject,
  leaf: { field: string; op: FilterOperator; value?: unknown },
  env: KindEnv,
  path: string,
): SQL {
  const field = lookupField(object, leaf.field, path);
  if (field.spec.filterable === false) bad(path, `${field.name} cannot be filtered`);
  const { op } = leaf;
  if (!field.kind.operators.includes(op))
    bad(path, `operator "${op}" does not apply to ${field.spec.type} field ${field.name}`);
  const e = field.expr;
  if (op === 'isNull') {
    const want =
      leaf.value === true || leaf.value === 'true'
        ? true
        : leaf.value === false || leaf.value === 'false'
          ? false
          : bad(path, 'isNull takes true or false');
    const empty = field.kind.isArray ? sql`coalesce(cardinality(${e}), 0) = 0` : sql`${e} IS NULL`;
    return want ? empty : sql`NOT (${empty})`;
  }
  if (leaf.value === undefined || leaf.value === null) bad(path, `operator "${op}" needs a value`);
  if (field.kind.isArray) {
    const text = String(leaf.value);
    if (op === 'eq') return sql`${text} = ANY(${e})`;
    return sql`EXISTS (SELECT 1 FROM unnest(${e}) AS v(x) WHERE v.x ILIKE ${`%${escapeLike(text)}%`})`;
  }
  if (op === 'contains' || op === 'startsWith') {
    if (typeof leaf.value !== 'string') bad(path, `${op} takes text`);
    const pattern = op === 'contains' ? `%${escapeLike(leaf.value)}%` : `${escapeLike(leaf.value)}%`;
    return sql`${e} ILIKE ${pattern}`;
  }
  if (op === 'in') {
    const list = Array.isArray(leaf.value) ? leaf.value : String(leaf.value).split(',');
    if (list.length === 0 || list.length > 500) bad(path, 'in takes 1 to 500 values');
    const values = list.map((v) => filterValue(field, v, env, path));
    // One array literal as one parameter: drizzle would spread a JS array into a row of parameters.
    return sql`${e} = ANY(${typed(pgTextArray(values), `${field.kind.cast}[]`)})`;
  }
  const value = filterValue(field, leaf.value, env, path);
  const cast = field.kind.cast === 'jsonb' ? 'text' : field.kind.cast;
  const v = typed(cast === 'text' ? value : String(value), cast);
  switch (op) {
    case 'eq':
      return sql`${e} = ${v}`;
    case 'ne':
      return sql`${e} IS DISTINCT FROM ${v}`;
    case 'lt':
      return sql`${e} < ${v}`;
    case 'lte':
      return sql`${e} <= ${v}`;
    case 'gt':
      return sql`${e} > ${v}`;
    case 'gte':
      return sql`${e} >= ${v}`;
  }
}

export function compileFilter(object: ResolvedObject, node: FilterNode, env: KindEnv, path = 'filter'): SQL {
  if ('and' in node) {
    if (node.and.length === 0) return sql`TRUE`;
    return sql`(${sql.join(
      node.and.map((n, i) => compileFilter(object, n, env, `${path}.and.${i}`)),
      sql` AND `,
    )})`;
  }
  if ('or' in node) {
    if (node.or.length === 0) return sql`FALSE`;
    return sql`(${sql.join(
      node.or.map((n, i) => compileFilter(object, n, env, `${path}.or.${i}`)),
      sql` OR `,
    )})`;
  }
  if ('not' in node) return sql`NOT COALESCE(${compileFilter(object, node.not, env, `${path}.not`)}, FALSE)`;
  return compileLeaf(object, node, env, path);
}

/** `filter[industry][eq]=Retail` query parameters as one AND node. */
export function filterFromQueryString(query: Record<string, unknown>): FilterNode | undefined {
  const leaves: FilterNode[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('filter')) continue;
    const match = /^filter\[([^\]]+)\](?:\[([^\]]+)\])?$/.exec(key);
    if (!match) bad(key, 'write filters as filter[field][operator]=value');
    const op = (match[2] ?? 'eq') as FilterOperator;
    for (const v of Array.isArray(value) ? value : [value]) leaves.push({ field: match[1], op, value: v });
  }
  return leaves.length ? { and: leaves } : undefined;
}

export interface SortItem {
  key: string;
  expr: SQL;
  dir: 'asc' | 'desc';
  cast: string;
  nullable: boolean;
}

export function parseSort(object: ResolvedObject, sort: string | string[] | undefined): SortItem[] {
  const spec = (Array.isArray(sort) ? sort.join(',') : (sort ?? '')).trim() || object.declaration.defaultSort;
  const items: SortItem[] = [];
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const dir = part.startsWith('-') ? 'desc' : 'asc';
    const name = part.replace(/^[-+]/, '');
    const field = lookupField(object, name, 'sort');
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
    items.push({ key: 'id', expr: sql`t.id`, dir: 'asc', cast: 'uuid', nullable: false });
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
