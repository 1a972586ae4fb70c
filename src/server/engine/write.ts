import { sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound, PreconditionFailed, ValidationFailed, type FieldError } from '../../common/errors';
import { rows } from '../db/database';
import { appendRecordEvents, changeEvents } from '../events/outbox';
import type { RecordEventType } from '../events/tables';
import { diffValues, recordHistory, type HistoryEntry } from './history';
import { parseBodies, writableFields } from './input';
import type { Draft, HookScope, Values, WriteOperation, WrittenRecord } from './lifecycle';
import { baseConditions, tableOf } from './tableScope';
import { recordJson } from './recordJson';
import { referenceErrors } from './references';
import type { ResolvedField, ResolvedObject } from './resolved';
import { buildSearchText } from './searchText';
import { pgTextArray } from './sqlValues';
import { assertCanWrite } from './visibility';
import type { WriteScope } from './writeScope';

/**
 * A record as written: its API JSON as the writer may see it (built by PostgreSQL), and the whole
 * record parsed, every field included, for hooks and services.
 */
export interface Saved {
  id: string;
  json: string;
  record: Values;
}

export interface CreateRequest {
  body: unknown;
  path: string;
}

export interface UpdateRequest {
  id: string;
  body: unknown;
  path: string;
  ifMatch?: number;
}

/** A batch that passed every check and waits to be written (bulk checks all its parts before writing any). */
export interface Prepared {
  object: ResolvedObject;
  operation: WriteOperation;
  drafts: Draft[];
}

function columnValue(field: ResolvedField, value: unknown): SQL {
  const cast = sql.raw(field.kind.cast);
  // List columns are NOT NULL: clearing one (null) stores the empty list.
  if (value === null || value === undefined)
    return field.kind.empty ? sql`${field.kind.empty}::${cast}` : sql`NULL`;
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

/** From `RETURNING`: `j` the whole record, `v` the writer's view of it when that differs. */
function saved(row: { j: string; v?: string }): Saved {
  const record = JSON.parse(row.j) as Values & { id: string };
  return { id: record.id, json: row.v ?? row.j, record };
}

/** The JSON columns a write returns: the whole record, and the writer's view where fields are hidden from them. */
function returning(object: ResolvedObject): SQL {
  const whole = sql`(${recordJson(object.full)})::text AS j`;
  return object.full === object ? whole : sql`${whole}, (${recordJson(object)})::text AS v`;
}

/** A whole record as the writer may see it: only the fields of their view, in its order. */
function viewOf(object: ResolvedObject, record: Values): string {
  if (object.full === object) return JSON.stringify(record);
  const view: Values = {};
  for (const [name, field] of object.fields) if (!field.retired && name in record) view[name] = record[name];
  return JSON.stringify(view);
}

function hookScope(scope: WriteScope, object: ResolvedObject, operation: WriteOperation): HookScope {
  return { ...scope, object, operation };
}

/** defaults → references → validate, for drafts that parsed; answers every error of the batch. */
async function checkDrafts(
  scope: WriteScope,
  object: ResolvedObject,
  operation: WriteOperation,
  drafts: Draft[],
): Promise<FieldError[]> {
  const hooks = hookScope(scope, object, operation);
  for (const h of object.hooks) await h.defaults?.(hooks, drafts);
  const errors = await referenceErrors(
    scope.ctx,
    scope.tx,
    object,
    scope.lookup,
    drafts.map((d) => ({ values: d.changes, path: d.path })),
  );
  for (const h of object.hooks) if (h.validate) errors.push(...(await h.validate(hooks, drafts)));
  return errors;
}

/** The row a path is about in a batch (`create.2`), so errors can be told row by row. */
const rowOf = (path: string) => /^[a-z]+\.\d+/i.exec(path)?.[0] ?? '';

/** Every error of a batch at once, row by row (`create.2` before `create.10`), each row's in field order. */
export function throwIfAny(errors: FieldError[]): void {
  if (errors.length === 0) return;
  const byRow = [...errors].sort((a, b) =>
    rowOf(a.path).localeCompare(rowOf(b.path), 'en', { numeric: true }),
  );
  throw new ValidationFailed(`${errors.length} field(s) are not valid`, byRow);
}

/** Parses and checks creates without writing: every bad row is reported, by its path. */
export async function prepareCreate(
  scope: WriteScope,
  object: ResolvedObject,
  requests: CreateRequest[],
  operation: WriteOperation = 'create',
): Promise<{ prepared: Prepared; errors: FieldError[] }> {
  assertCanWrite(scope.ctx);
  const env = { defaultCountry: scope.ctx.workspace.defaultCountry };
  const { values, errors } = parseBodies(object, env, 'create', requests);
  const drafts: Draft[] = [];
  values.forEach((v, i) => {
    if (!v) return;
    if (object.declaration.hasOwner) v.ownerId ??= scope.ctx.userId;
    drafts.push({ changes: v, before: null, path: requests[i].path });
  });
  if (drafts.length) errors.push(...(await checkDrafts(scope, object, operation, drafts)));
  return { prepared: { object, operation, drafts }, errors };
}

/** Reads the current values of visible records, locked for this transaction. */
/** Reads the whole current records (every field, whoever writes), locked for this transaction. */
async function lockRecords(scope: WriteScope, object: ResolvedObject, ids: string[], deleted = false) {
  const found = await rows<{ j: string }>(
    scope.tx,
    sql`SELECT (${recordJson(object.full)})::text AS j FROM ${tableOf(object)}
      WHERE ${sql.join([...baseConditions(scope.ctx, object, deleted), sql`t.id = ANY(${`{${ids.join(',')}}`}::uuid[])`], sql` AND `)}
      FOR UPDATE`,
  );
  return new Map(
    found.map((r) => {
      const s = saved(r);
      return [s.id, s.record];
    }),
  );
}

/** Records that must exist; one missing record asked for alone is a 404, in a batch a 400 by path. */
function missingErrors(
  object: ResolvedObject,
  current: Map<string, Values>,
  wanted: { id: string; path: string }[],
): FieldError[] {
  const missing = wanted.filter((w) => !current.has(w.id));
  if (missing.length && wanted.length === 1 && !wanted[0].path.includes('.'))
    throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${wanted[0].id}`);
  return missing.map((w) => ({ path: w.path, message: `no record with id ${w.id}` }));
}

export async function prepareUpdate(
  scope: WriteScope,
  object: ResolvedObject,
  requests: UpdateRequest[],
  operation: WriteOperation = 'update',
): Promise<{ prepared: Prepared; errors: FieldError[] }> {
  const current = await lockRecords(
    scope,
    object,
    requests.map((r) => r.id),
  );
  const errors = missingErrors(
    object,
    current,
    requests.map((r) => ({ id: r.id, path: r.path ? `${r.path}.id` : 'id' })),
  );
  // After the lookup: a record the caller cannot see (or of another workspace) is a 404, never a 403.
  assertCanWrite(scope.ctx);
  for (const r of requests) {
    const version = current.get(r.id)?.version;
    if (r.ifMatch !== undefined && version !== undefined && r.ifMatch !== version)
      throw new PreconditionFailed(`The record is at version ${version}, not ${r.ifMatch}`);
  }
  const env = { defaultCountry: scope.ctx.workspace.defaultCountry };
  const parsed = parseBodies(object, env, 'update', requests);
  errors.push(...parsed.errors);
  const drafts: Draft[] = [];
  parsed.values.forEach((changes, i) => {
    const before = current.get(requests[i].id);
    if (changes && before) drafts.push({ changes, before, path: requests[i].path });
  });
  if (drafts.length) errors.push(...(await checkDrafts(scope, object, operation, drafts)));
  return { prepared: { object, operation, drafts }, errors };
}

/** Checks a move to or from the recycle bin; the drafts carry each record as it is. */
export async function prepareBin(
  scope: WriteScope,
  object: ResolvedObject,
  ids: string[],
  operation: 'delete' | 'restore',
  paths = ids.map(() => 'id'),
): Promise<{ prepared: Prepared; errors: FieldError[] }> {
  const current = ids.length ? await lockRecords(scope, object, ids, operation === 'restore') : new Map();
  const errors = missingErrors(
    object,
    current,
    ids.map((id, i) => ({ id, path: paths[i] })),
  );
  assertCanWrite(scope.ctx);
  const drafts = ids.flatMap((id, i): Draft[] => {
    const before = current.get(id);
    return before ? [{ changes: {}, before, path: paths[i] === 'id' ? '' : paths[i] }] : [];
  });
  if (drafts.length) {
    const hooks = hookScope(scope, object, operation);
    for (const h of object.hooks) if (h.validate) errors.push(...(await h.validate(hooks, drafts)));
  }
  return { prepared: { object, operation, drafts }, errors };
}

const eventTypes: Record<WriteOperation, RecordEventType> = {
  create: 'created',
  import: 'imported',
  update: 'updated',
  delete: 'deleted',
  restore: 'restored',
  merge: 'merged',
};

/**
 * History, the change events (an outbox, committed with the change), the hooks after writing and the
 * hooks after commit: the same for every operation.
 */
async function finish(
  scope: WriteScope,
  prepared: Prepared,
  written: WrittenRecord[],
  history: HistoryEntry[],
) {
  const { object, operation } = prepared;
  await recordHistory(scope.ctx, scope.tx, object.name, history);
  await appendRecordEvents(scope.tx, changeEvents(scope.ctx, object.name, eventTypes[operation], history));
  const hooks = hookScope(scope, object, operation);
  for (const h of object.hooks) await h.afterWrite?.(hooks, written);
  for (const h of object.hooks) {
    if (h.afterCommit && written.length) scope.afterCommit(() => h.afterCommit!(scope.ctx, object, written));
  }
}

async function beforeWrite(scope: WriteScope, prepared: Prepared) {
  const hooks = hookScope(scope, prepared.object, prepared.operation);
  for (const h of prepared.object.hooks) await h.beforeWrite?.(hooks, prepared.drafts);
}

/** Inserts prepared creates: one statement for the batch, then history and hooks. */
export async function insertPrepared(scope: WriteScope, prepared: Prepared): Promise<Saved[]> {
  const { ctx, tx } = scope;
  const { object, drafts } = prepared;
  const whole = object.full;
  if (drafts.length === 0) return [];
  await beforeWrite(scope, prepared);
  const columnFields = writableFields(whole).filter((f) => !f.custom && f.column);
  const scoped = object.declaration.scope?.columns ?? {};
  const names = [
    'workspace_id',
    'id',
    'created_by',
    'updated_by',
    'custom',
    'search_text',
    ...Object.keys(scoped),
    ...columnFields.map((f) => f.column as string),
  ];
  const userId = ctx.actor.type === 'user' ? ctx.userId : null;
  const tuples = drafts.map(({ changes: values }) => {
    const cells: SQL[] = [
      sql`${ctx.workspace.id}::uuid`,
      sql`${uuidv7()}::uuid`,
      sql`${userId}::uuid`,
      sql`${userId}::uuid`,
      sql`${JSON.stringify(customPart(whole, values))}::jsonb`,
      sql`${buildSearchText(whole, values)}`,
      ...Object.values(scoped).map((v) => sql`${v}`),
      ...columnFields.map((f) => (f.name in values ? columnValue(f, values[f.name]) : sql`DEFAULT`)),
    ];
    return sql`(${sql.join(cells, sql`, `)})`;
  });
  const inserted = await rows<{ j: string; v?: string }>(
    tx,
    sql`INSERT INTO ${tableOf(object)} (${sql.join(
      names.map((n) => sql.identifier(n)),
      sql`, `,
    )})
      VALUES ${sql.join(tuples, sql`, `)} RETURNING ${returning(object)}`,
  );
  const out = inserted.map(saved);
  const history = out.map((s): HistoryEntry => ({
    recordId: s.id,
    changes: diffValues(whole, null, s.record),
  }));
  const written = out.map((s, i): WrittenRecord => ({
    id: s.id,
    operation: prepared.operation,
    before: null,
    after: s.record,
    changed: history[i].changes.map((c) => c.field),
  }));
  await finish(scope, prepared, written, history);
  return out;
}

/** Applies prepared updates; a patch that changes nothing leaves the record (and its version) as it was. */
export async function updatePrepared(scope: WriteScope, prepared: Prepared): Promise<Saved[]> {
  const { ctx, tx } = scope;
  const { object, drafts } = prepared;
  if (drafts.length === 0) return [];
  await beforeWrite(scope, prepared);
  const out: Saved[] = [];
  const written: WrittenRecord[] = [];
  const history: HistoryEntry[] = [];
  const whole = object.full;
  for (const draft of drafts) {
    const before = draft.before as Values & { id: string };
    const changes = diffValues(whole, before, { ...before, ...draft.changes });
    if (changes.length === 0) {
      out.push({ id: before.id, json: viewOf(object, before), record: before });
      continue;
    }
    const changed = Object.fromEntries(changes.map((c) => [c.field, c.to]));
    const sets: SQL[] = [
      sql`version = t.version + 1`,
      sql`updated_at = now()`,
      sql`updated_by = ${ctx.actor.type === 'user' ? ctx.userId : null}::uuid`,
      sql`search_text = ${buildSearchText(whole, { ...before, ...changed })}`,
    ];
    const custom = customPart(whole, changed);
    if (Object.keys(custom).length) sets.push(sql`custom = t.custom || ${JSON.stringify(custom)}::jsonb`);
    for (const change of changes) {
      const field = whole.fields.get(change.field);
      if (field && !field.custom && field.column)
        sets.push(sql`${sql.identifier(field.column)} = ${columnValue(field, change.to)}`);
    }
    const [row] = await rows<{ j: string; v?: string }>(
      tx,
      sql`UPDATE ${tableOf(object)} SET ${sql.join(sets, sql`, `)}
        WHERE t.workspace_id = ${ctx.workspace.id} AND t.id = ${before.id} RETURNING ${returning(object)}`,
    );
    const after = saved(row);
    out.push(after);
    written.push({
      id: before.id,
      operation: prepared.operation,
      before,
      after: after.record,
      changed: changes.map((c) => c.field),
    });
    history.push({ recordId: before.id, changes });
  }
  await finish(scope, prepared, written, history);
  return out;
}

/** Moves prepared records to the recycle bin, or back out of it; nothing is hard-deleted by a user. */
export async function binPrepared(scope: WriteScope, prepared: Prepared): Promise<string[]> {
  const { ctx, tx } = scope;
  const { object, drafts } = prepared;
  if (drafts.length === 0) return [];
  await beforeWrite(scope, prepared);
  const bin = prepared.operation === 'delete';
  const ids = drafts.map((d) => (d.before as { id: string }).id);
  const changed = await rows<{ id: string; at: string }>(
    tx,
    sql`UPDATE ${tableOf(object)} SET version = t.version + 1, updated_at = now(),
        deleted_at = ${bin ? sql`now()` : sql`NULL`}, deleted_by = ${bin && ctx.actor.type === 'user' ? ctx.userId : null}::uuid
      WHERE t.workspace_id = ${ctx.workspace.id} AND t.id = ANY(${`{${ids.join(',')}}`}::uuid[])
      RETURNING t.id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  const history = changed.map((r) => ({
    recordId: r.id,
    changes: [{ field: 'deletedAt', from: bin ? null : r.at, to: bin ? r.at : null }],
  }));
  const written = drafts.map((d): WrittenRecord => ({
    id: (d.before as { id: string }).id,
    operation: prepared.operation,
    before: d.before,
    after: d.before as Values,
    changed: ['deletedAt'],
  }));
  await finish(scope, prepared, written, history);
  return changed.map((r) => r.id);
}
