import { sql } from 'drizzle-orm';
import { NotFound, PreconditionFailed, ValidationFailed, type FieldError } from '../../common/errors';
import { rows } from '../db/database';
import { parseBodies } from './input';
import type { Draft, HookScope, Values, WriteOperation } from './lifecycle';
import { recordJson } from './recordJson';
import { referenceErrors } from './references';
import type { ResolvedObject } from './resolved';
import { baseConditions, tableOf } from './tableScope';
import { assertCanWrite } from './visibility';
import type { WriteScope } from './writeScope';

/*
 * The checks of the write path, before anything is written: parse each body, run the defaults, check
 * references, run the validate hooks, lock the records an update or a move to the bin is about.
 */

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

/** From `RETURNING`: `j` the whole record, `v` the writer's view of it when that differs. */
export function saved(row: { j: string; v?: string }): Saved {
  const record = JSON.parse(row.j) as Values & { id: string };
  return { id: record.id, json: row.v ?? row.j, record };
}

export function hookScope(scope: WriteScope, object: ResolvedObject, operation: WriteOperation): HookScope {
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

/** One record changed twice in one batch would leave which change wins to chance: the later ones are refused. */
function repeatedErrors(requests: UpdateRequest[]): FieldError[] {
  const first = new Map<string, string>();
  return requests.flatMap((r) => {
    const earlier = first.get(r.id);
    if (earlier === undefined) first.set(r.id, r.path);
    return earlier === undefined ? [] : [{ path: `${r.path}.id`, message: `the same record as ${earlier}` }];
  });
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
  errors.push(...repeatedErrors(requests));
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
