import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import type { FilterNode, FilterOperator } from '../../common/pagination';
import { recordLinkFilterValue } from '../../common/recordLink';
import { fieldKinds, type KindEnv } from './fieldKinds';
import { linkedIds, linkedRecordsPath } from './linkedRecords';
import { lookupField } from './query';
import type { RequestContext } from './context';
import type { ResolvedField, ResolvedObject } from './resolved';
import { pgTextArray, typed } from './sqlValues';
import { baseConditions, tableOf } from './tableScope';

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

/** `links eq accounts:<id>`: the field links to that record (a list: among others); isNull: links to none. */
function linkLeaf(field: ResolvedField, leaf: Leaf, path: string): SQL {
  const e = field.expr;
  const many = field.spec.type === 'links';
  if (leaf.op === 'isNull') {
    const empty = many ? sql`coalesce(jsonb_array_length(${e}), 0) = 0` : sql`${e} IS NULL`;
    if (leaf.value === true || leaf.value === 'true') return empty;
    if (leaf.value === false || leaf.value === 'false') return sql`NOT (${empty})`;
    bad(path, 'isNull takes true or false');
  }
  const parsed = recordLinkFilterValue.safeParse(leaf.value);
  if (!parsed.success) bad(path, `${field.name} ${parsed.error.issues[0]?.message ?? 'takes a link'}`);
  const link = JSON.stringify(parsed.data);
  return many ? sql`${e} @> ${`[${link}]`}::jsonb` : sql`${e} = ${link}::jsonb`;
}

/** A leaf on one of the object's own fields. */
function fieldLeaf(object: ResolvedObject, leaf: Leaf, env: KindEnv, path: string): SQL {
  const field = lookupField(object, leaf.field, path);
  if (field.spec.filterable === false) bad(path, `${field.name} cannot be filtered`);
  const { op } = leaf;
  if (!field.kind.operators.includes(op))
    bad(path, `operator "${op}" does not apply to ${field.spec.type} field ${field.name}`);
  const e = field.expr;
  if (field.kind.isLink) return linkLeaf(field, leaf, path);
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

/** How far a filter may follow references (forward or back), so a request cannot nest joins without end. */
export const maxRelationDepth = 4;

type Leaf = { field: string; op: FilterOperator; value?: unknown };

/** One compilation: who asks (record visibility applies to related records) and the aliases used so far. */
interface Compilation {
  /** absent where a filter is part of a definition (a rollup's), not of a request: then it may not follow references */
  ctx?: RequestContext;
  env: KindEnv;
  aliases: number;
}

/** Whether a leaf holds for a missing value, so a record with no related record still matches it. */
function holdsForNull(leaf: Leaf): boolean {
  return leaf.op === 'ne' || (leaf.op === 'isNull' && (leaf.value === true || leaf.value === 'true'));
}

function relatedObject(object: ResolvedObject, name: string, path: string): ResolvedObject {
  const target = object.peers.get(name);
  if (!target) bad(path, `there is no object called "${name}"`);
  return target;
}

function nextAlias(run: Compilation, object: ResolvedObject): ResolvedObject {
  return object.as(`r${++run.aliases}`);
}

function relationCheck(run: Compilation, depth: number, path: string): RequestContext {
  if (!run.ctx) bad(path, 'this filter compares the records’ own fields only');
  if (depth >= maxRelationDepth) bad(path, `filters follow references at most ${maxRelationDepth} deep`);
  return run.ctx;
}

/**
 * `accountId.industry`: the leaf on the referred record, which the caller must be able to see. A record
 * whose reference is empty (or points at a record hidden from the caller) has no value there: it matches
 * `ne` and `isNull true`, like a null field.
 */
function referenceLeaf(
  run: Compilation,
  object: ResolvedObject,
  leaf: Leaf,
  path: string,
  depth: number,
): SQL | null {
  const dot = leaf.field.indexOf('.');
  if (dot < 0) return null;
  const reference = object.fields.get(leaf.field.slice(0, dot));
  if (!reference || reference.retired || reference.spec.type !== 'reference' || !reference.spec.reference)
    return null;
  if (reference.spec.reference === 'users') {
    if (leaf.field.slice(dot + 1) === 'teamId') return userTeamLeaf(run, reference, leaf, path);
    bad(path, `${reference.name} refers to users, whose fields are not filterable but for teamId`);
  }
  const ctx = relationCheck(run, depth, path);
  const target = nextAlias(run, relatedObject(object, reference.spec.reference, path));
  const rest = { ...leaf, field: leaf.field.slice(dot + 1) };
  const matches = compileLeafAt(run, target, rest, path, depth + 1);
  const ids = (condition: SQL) =>
    sql`SELECT ${target.fields.get('id')!.expr} FROM ${tableOf(target)} WHERE ${sql.join(
      [...baseConditions(ctx, target), condition],
      sql` AND `,
    )}`;
  if (holdsForNull(rest))
    return sql`(${reference.expr} IS NULL OR ${reference.expr} NOT IN (${ids(sql`NOT COALESCE(${matches}, FALSE)`)}))`;
  return sql`${reference.expr} IN (${ids(matches)})`;
}

const teamIds = z.array(z.uuid()).min(1).max(500);

/**
 * `ownerId.teamId`: the referred user is in the team (`eq`) or in one of the teams (`in`). Teams are
 * known to every member of the workspace, so this reveals no more than record visibility by team does.
 */
function userTeamLeaf(run: Compilation, reference: ResolvedField, leaf: Leaf, path: string): SQL {
  if (!run.ctx) bad(path, 'this filter compares the records’ own fields only');
  if (leaf.op !== 'eq' && leaf.op !== 'in') bad(path, `${reference.name}.teamId takes eq or in`);
  const raw =
    leaf.op === 'in' && !Array.isArray(leaf.value) ? String(leaf.value ?? '').split(',') : leaf.value;
  const ids = teamIds.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!ids.success) bad(path, `${reference.name}.teamId takes 1 to 500 team ids`);
  return sql`${reference.expr} IN (SELECT u.id FROM users u WHERE u.workspace_id = ${run.ctx.workspace.id}
    AND u.team_id = ANY(${typed(pgTextArray(ids.data), 'uuid[]')}))`;
}

function compileLeafAt(
  run: Compilation,
  object: ResolvedObject,
  leaf: Leaf,
  path: string,
  depth: number,
): SQL {
  return (
    referenceLeaf(run, object, leaf, path, depth) ??
    linkedLeaf(run, object, leaf, path, depth) ??
    fieldLeaf(object, leaf, run.env, path)
  );
}

/**
 * `links.contacts`: `eq <id>` links to that contact, which the caller must be able to see; `isNull true`
 * links to no contact the caller sees (a report's group of records without one).
 */
function linkedLeaf(
  run: Compilation,
  object: ResolvedObject,
  leaf: Leaf,
  path: string,
  depth: number,
): SQL | null {
  const linked = linkedRecordsPath(object, leaf.field);
  if (!linked) return null;
  const ctx = relationCheck(run, depth, path);
  const alias = `r${++run.aliases}`;
  if (leaf.op === 'isNull') {
    const none = sql`NOT EXISTS (${linkedIds(ctx, linked, alias)})`;
    if (leaf.value === true || leaf.value === 'true') return none;
    if (leaf.value === false || leaf.value === 'false') return sql`NOT (${none})`;
    bad(path, 'isNull takes true or false');
  }
  if (leaf.op !== 'eq') bad(path, `${leaf.field} takes eq (a record id) or isNull`);
  const id = z.uuid().safeParse(leaf.value);
  if (!id.success) bad(path, `${leaf.field} takes a record id (UUID)`);
  const target = linked.target.as(alias);
  // The link itself through the field's own test (an index where it has one), then the record's visibility.
  const links = linkLeaf(linked.field, { ...leaf, value: { object: target.name, id: id.data } }, path);
  return sql`(${links} AND ${id.data}::uuid IN (SELECT ${target.fields.get('id')!.expr} FROM ${tableOf(target)}
    WHERE ${sql.join(baseConditions(ctx, target), sql` AND `)}))`;
}

/** `{has: {object: "deals", via: "accountId", filter}}`: records that some visible related record points back to. */
function hasRelated(
  run: Compilation,
  object: ResolvedObject,
  node: RelatedNode,
  path: string,
  depth: number,
): SQL {
  const ctx = relationCheck(run, depth, path);
  const target = nextAlias(run, relatedObject(object, node.has.object, `${path}.has.object`));
  const via = target.fields.get(node.has.via);
  if (!via || via.retired || via.spec.type !== 'reference' || via.spec.reference !== object.name)
    bad(`${path}.has.via`, `${node.has.via} is not a reference from ${target.name} to ${object.name}`);
  const conditions = [...baseConditions(ctx, target), sql`${via.expr} IS NOT NULL`];
  if (node.has.filter)
    conditions.push(compileNode(run, target, node.has.filter, `${path}.has.filter`, depth + 1));
  return sql`${object.fields.get('id')!.expr} IN (SELECT ${via.expr} FROM ${tableOf(target)} WHERE ${sql.join(conditions, sql` AND `)})`;
}

type RelatedNode = Extract<FilterNode, { has: unknown }>;

function compileNode(
  run: Compilation,
  object: ResolvedObject,
  node: FilterNode,
  path: string,
  depth: number,
): SQL {
  if ('and' in node) {
    if (node.and.length === 0) return sql`TRUE`;
    return sql`(${sql.join(
      node.and.map((n, i) => compileNode(run, object, n, `${path}.and.${i}`, depth)),
      sql` AND `,
    )})`;
  }
  if ('or' in node) {
    if (node.or.length === 0) return sql`FALSE`;
    return sql`(${sql.join(
      node.or.map((n, i) => compileNode(run, object, n, `${path}.or.${i}`, depth)),
      sql` OR `,
    )})`;
  }
  if ('not' in node)
    return sql`NOT COALESCE(${compileNode(run, object, node.not, `${path}.not`, depth)}, FALSE)`;
  if ('has' in node) return hasRelated(run, object, node, path, depth);
  return compileLeafAt(run, object, node, path, depth);
}

/**
 * The one compiler of a filter tree to SQL on the object's alias. Filters may follow references to the
 * referred record's fields and ask for related records that point back (`has`); related records are
 * those the caller may see.
 */
export function compileFilter(
  ctx: RequestContext,
  object: ResolvedObject,
  node: FilterNode,
  path = 'filter',
): SQL {
  const run: Compilation = { ctx, env: { defaultCountry: ctx.workspace.defaultCountry }, aliases: 0 };
  return compileNode(run, object, node, path, 0);
}

/** A filter that is part of a definition (a rollup's): on the records' own fields, for every reader alike. */
export function compileOwnFieldsFilter(
  env: KindEnv,
  object: ResolvedObject,
  node: FilterNode,
  path: string,
): SQL {
  return compileNode({ env, aliases: 0 }, object, node, path, 0);
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
