import { sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../db/database';
import { appendRecordEvents, changeEvents } from '../events/outbox';
import type { RecordEventType } from '../events/tables';
import { diffValues, recordHistory, type HistoryEntry } from './history';
import type { Values, WriteOperation, WrittenRecord } from './lifecycle';
import { hookScope, saved, type Prepared, type Saved } from './prepare';
import { tableOf } from './tableScope';
import { recordJson } from './recordJson';
import type { ResolvedField, ResolvedObject } from './resolved';
import { buildSearchText } from './searchText';
import { pgTextArray } from './sqlValues';
import type { WriteScope } from './writeScope';

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
  // Read-only stored fields too: hooks fill them (a deal's weighted amount), as updates already store.
  const columnFields = [...whole.fields.values()].filter(
    (f) => !f.custom && f.column && !f.retired && !f.computed && (!f.system || f.name === 'ownerId'),
  );
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
