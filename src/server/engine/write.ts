import { sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound, PreconditionFailed, ValidationFailed, type FieldError } from '../../common/errors';
import { rows, type Executor } from '../db/database';
import type { RequestContext } from './context';
import type { Values, WrittenRecord } from './declaration';
import { diffValues, recordHistory, type HistoryEntry } from './history';
import { parseInputs, writableFields } from './input';
import { baseConditions, tableOf } from './read';
import { recordJson } from './recordJson';
import type { ResolvedField, ResolvedObject } from './resolved';
import { checkReferences } from './references';
import { buildSearchText } from './searchText';
import { assertCanWrite } from './visibility';

export type ObjectLookup = (name: string) => ResolvedObject | undefined;

/** A PostgreSQL array literal; every element quoted and escaped. */
export function pgTextArray(values: unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function columnValue(field: ResolvedField, value: unknown): SQL {
  const cast = sql.raw(field.kind.cast);
  // Array columns are NOT NULL: clearing one (null) stores the empty list.
  if ((value === null || value === undefined) && field.kind.isArray) return sql`'{}'::${cast}`;
  if (value === null || value === undefined) return sql`NULL`;
  if (field.kind.isArray) return sql`${pgTextArray(value as unknown[])}::${cast}`;
  if (field.kind.cast === 'jsonb') return sql`${JSON.stringify(value)}::${cast}`;
  if (typeof value === 'boolean') return sql`${value}::${cast}`;
  return sql`${String(value)}::${cast}`;
}

function customPart(object: ResolvedObject, values: Values): Values {
  const custom: Values = {};
  for (const [name, value] of Object.entries(values))
    if (object.fields.get(name)?.custom) custom[name] = value;
  return custom;
}

function parseRecord(json: string): Values & { id: string; version: number } {
  return JSON.parse(json) as Values & { id: string; version: number };
}

async function afterWrite(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  written: WrittenRecord[],
) {
  await object.declaration.hooks?.afterWrite?.(ctx, tx, written);
}

/** Creates records in the caller's transaction: validate, check references and owners, insert, history. */
export async function insertRecords(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  lookup: ObjectLookup,
  bodies: { body: unknown; path: string }[],
): Promise<string[]> {
  assertCanWrite(ctx);
  if (bodies.length === 0) return [];
  const env = { defaultCountry: ctx.workspace.defaultCountry };
  const inputs = parseInputs(object, env, 'create', bodies);
  if (object.declaration.hasOwner) for (const v of inputs) v.ownerId ??= ctx.userId;
  await checkReferences(
    ctx,
    tx,
    object,
    lookup,
    inputs.map((values, i) => ({ values, path: bodies[i].path })),
  );

  const columnFields = writableFields(object).filter((f) => !f.custom && f.column);
  const scope = object.declaration.scope?.columns ?? {};
  const names = [
    'workspace_id',
    'id',
    'created_by',
    'updated_by',
    'custom',
    'search_text',
    ...Object.keys(scope),
    ...columnFields.map((f) => f.column as string),
  ];
  const tuples = inputs.map((values) => {
    const cells: SQL[] = [
      sql`${ctx.workspace.id}::uuid`,
      sql`${uuidv7()}::uuid`,
      sql`${ctx.actor.type === 'user' ? ctx.userId : null}::uuid`,
      sql`${ctx.actor.type === 'user' ? ctx.userId : null}::uuid`,
      sql`${JSON.stringify(customPart(object, values))}::jsonb`,
      sql`${buildSearchText(object, values)}`,
      ...Object.values(scope).map((v) => sql`${v}`),
      ...columnFields.map((f) => (f.name in values ? columnValue(f, values[f.name]) : sql`DEFAULT`)),
    ];
    return sql`(${sql.join(cells, sql`, `)})`;
  });
  const inserted = await rows<{ j: string }>(
    tx,
    sql`INSERT INTO ${tableOf(object)} (${sql.join(
      names.map((n) => sql.identifier(n)),
      sql`, `,
    )})
      VALUES ${sql.join(tuples, sql`, `)} RETURNING (${recordJson(object)})::text AS j`,
  );
  const json = inserted.map((r) => r.j);
  const written = json.map((j) => {
    const after = parseRecord(j);
    return { id: after.id, before: null, after };
  });
  await recordHistory(
    ctx,
    tx,
    object.name,
    written.map((w): HistoryEntry => ({ recordId: w.id, changes: diffValues(object, null, w.after) })),
  );
  await afterWrite(ctx, tx, object, written);
  return json;
}

export interface UpdateRequest {
  id: string;
  body: unknown;
  path: string;
  ifMatch?: number;
}

/** Reads the current values of visible records, locked for this transaction. */
async function lockRecords(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  ids: string[],
  deleted = false,
) {
  const found = await rows<{ j: string }>(
    tx,
    sql`SELECT (${recordJson(object)})::text AS j FROM ${tableOf(object)}
      WHERE ${sql.join([...baseConditions(ctx, object, deleted), sql`t.id = ANY(${`{${ids.join(',')}}`}::uuid[])`], sql` AND `)}
      FOR UPDATE`,
  );
  return new Map(
    found.map((r) => {
      const record = parseRecord(r.j);
      return [record.id, record];
    }),
  );
}

export async function updateRecords(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  lookup: ObjectLookup,
  requests: UpdateRequest[],
): Promise<string[]> {
  if (requests.length === 0) return [];
  const current = await lockRecords(
    ctx,
    tx,
    object,
    requests.map((r) => r.id),
  );
  const missing: FieldError[] = requests
    .filter((r) => !current.has(r.id))
    .map((r) => ({ path: `${r.path ? `${r.path}.` : ''}id`, message: `no record with id ${r.id}` }));
  if (missing.length && requests.length === 1 && !requests[0].path)
    throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${requests[0].id}`);
  if (missing.length) throw new ValidationFailed('Some records do not exist', missing);
  // After the lookup: a record the caller cannot see (or of another workspace) is a 404, never a 403.
  assertCanWrite(ctx);
  for (const r of requests) {
    const version = current.get(r.id)?.version;
    if (r.ifMatch !== undefined && r.ifMatch !== version)
      throw new PreconditionFailed(`The record is at version ${version}, not ${r.ifMatch}`);
  }
  const env = { defaultCountry: ctx.workspace.defaultCountry };
  const patches = parseInputs(
    object,
    env,
    'update',
    requests.map((r) => ({ body: r.body, path: r.path, before: current.get(r.id) })),
  );
  await checkReferences(
    ctx,
    tx,
    object,
    lookup,
    patches.map((values, i) => ({ values, path: requests[i].path })),
  );

  const out: string[] = [];
  const written: WrittenRecord[] = [];
  const history: HistoryEntry[] = [];
  for (let i = 0; i < requests.length; i++) {
    const before = current.get(requests[i].id) as Values & { id: string };
    const changes = diffValues(object, before, { ...before, ...patches[i] });
    if (changes.length === 0) {
      out.push(JSON.stringify(before));
      continue;
    }
    const changed = Object.fromEntries(changes.map((c) => [c.field, c.to]));
    const merged = { ...before, ...changed };
    const sets: SQL[] = [
      sql`version = t.version + 1`,
      sql`updated_at = now()`,
      sql`updated_by = ${ctx.actor.type === 'user' ? ctx.userId : null}::uuid`,
      sql`search_text = ${buildSearchText(object, merged)}`,
    ];
    const custom = customPart(object, changed);
    if (Object.keys(custom).length) sets.push(sql`custom = t.custom || ${JSON.stringify(custom)}::jsonb`);
    for (const change of changes) {
      const field = object.fields.get(change.field);
      if (field && !field.custom && field.column)
        sets.push(sql`${sql.identifier(field.column)} = ${columnValue(field, change.to)}`);
    }
    const [row] = await rows<{ j: string }>(
      tx,
      sql`UPDATE ${tableOf(object)} SET ${sql.join(sets, sql`, `)}
        WHERE t.workspace_id = ${ctx.workspace.id} AND t.id = ${before.id} RETURNING (${recordJson(object)})::text AS j`,
    );
    out.push(row.j);
    written.push({ id: before.id, before, after: parseRecord(row.j) });
    history.push({ recordId: before.id, changes });
  }
  await recordHistory(ctx, tx, object.name, history);
  await afterWrite(ctx, tx, object, written);
  return out;
}

async function setBinned(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  ids: string[],
  bin: boolean,
  paths: string[],
) {
  if (ids.length === 0) return [];
  const current = await lockRecords(ctx, tx, object, ids, !bin);
  const missing = ids.flatMap((id, i) =>
    current.has(id) ? [] : [{ path: paths[i], message: `no record with id ${id}` }],
  );
  if (missing.length && ids.length === 1 && !paths[0].includes('.'))
    throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${ids[0]}`);
  if (missing.length) throw new ValidationFailed('Some records do not exist', missing);
  assertCanWrite(ctx);
  const changed = await rows<{ id: string; at: string }>(
    tx,
    sql`UPDATE ${tableOf(object)} SET version = t.version + 1, updated_at = now(),
        deleted_at = ${bin ? sql`now()` : sql`NULL`}, deleted_by = ${bin && ctx.actor.type === 'user' ? ctx.userId : null}::uuid
      WHERE t.workspace_id = ${ctx.workspace.id} AND t.id = ANY(${`{${ids.join(',')}}`}::uuid[])
      RETURNING t.id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  await recordHistory(
    ctx,
    tx,
    object.name,
    changed.map((r) => ({
      recordId: r.id,
      changes: [{ field: 'deletedAt', from: bin ? null : r.at, to: bin ? r.at : null }],
    })),
  );
  return changed.map((r) => r.id);
}

/** Moves records to the recycle bin; nothing is hard-deleted by a user. */
export function binRecords(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  ids: string[],
  paths = ids.map(() => 'id'),
) {
  return setBinned(ctx, tx, object, ids, true, paths);
}

export function restoreRecords(ctx: RequestContext, tx: Executor, object: ResolvedObject, ids: string[]) {
  return setBinned(
    ctx,
    tx,
    object,
    ids,
    false,
    ids.map(() => 'id'),
  );
}
