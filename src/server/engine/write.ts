import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../db/database';
import { appendRecordEvents, changeEvents } from '../events/outbox';
import type { RecordEventType } from '../events/tables';
import { diffValues, recordHistory, type HistoryEntry } from './history';
import type { Values, WriteOperation, WrittenRecord } from './lifecycle';
import { hookScope, saved, type Prepared, type Saved } from './prepare';
import { tableAlias, type ResolvedObject } from './resolved';
import { tableOf } from './tableScope';
import { buildSearchText } from './searchText';
import { batchRows, batchValue, type BatchColumn } from './sqlValues';
import { cellText, customPart, returning } from './writeValues';
import type { WriteScope } from './writeScope';

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
 * hooks after commit: the same for every operation. Answers the ids of the records hooks after writing
 * changed again.
 */
export async function finish(
  scope: WriteScope,
  prepared: Prepared,
  written: WrittenRecord[],
  history: HistoryEntry[],
): Promise<Set<string>> {
  const { object, operation } = prepared;
  await recordHistory(scope.ctx, scope.tx, object.name, history);
  await appendRecordEvents(scope.tx, changeEvents(scope.ctx, object.name, eventTypes[operation], history));
  const hooks = hookScope(scope, object, operation);
  const rewritten = new Set<string>();
  for (const h of object.hooks) {
    const changed = await h.afterWrite?.(hooks, written);
    changed?.rewritten.forEach((id) => rewritten.add(id));
  }
  for (const h of object.hooks) {
    if (h.afterCommit && written.length) scope.afterCommit(() => h.afterCommit!(scope.ctx, object, written));
  }
  return rewritten;
}

export async function beforeWrite(scope: WriteScope, prepared: Prepared) {
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
  // Only the columns some record sets (the others take their defaults), read-only stored ones included:
  // hooks fill them (a deal's weighted amount), as updates already store.
  const columnFields = [...whole.fields.values()].filter(
    (f) =>
      !f.custom &&
      f.column &&
      !f.retired &&
      !f.computed &&
      (!f.system || f.name === 'ownerId') &&
      drafts.some((d) => Object.hasOwn(d.changes, f.name)),
  );
  const scoped = object.declaration.scope?.columns ?? {};
  const userId = ctx.actor.type === 'user' ? ctx.userId : null;
  const batch: BatchColumn[] = [
    { name: 'id', cast: 'uuid' },
    { name: 'custom', cast: 'jsonb' },
    { name: 'search_text', cast: 'text' },
    ...columnFields.map((f, i) => ({ name: `c${i}`, cast: f.kind.cast })),
  ];
  const ids = drafts.map(() => uuidv7());
  const cells = drafts.map(({ changes: values }, i) => [
    ids[i],
    JSON.stringify(customPart(whole, values)),
    buildSearchText(whole, values),
    ...columnFields.map((f) => cellText(f, values[f.name])),
  ]);
  const names = [
    'workspace_id',
    'created_by',
    'updated_by',
    ...Object.keys(scoped),
    'id',
    'custom',
    'search_text',
    ...columnFields.map((f) => f.column as string),
  ];
  const inserted = await rows<{ j: string; v?: string }>(
    tx,
    sql`INSERT INTO ${tableOf(object)} (${sql.join(
      names.map((n) => sql.identifier(n)),
      sql`, `,
    )})
      SELECT ${sql.join(
        [
          sql`${ctx.workspace.id}::uuid`,
          sql`${userId}::uuid`,
          sql`${userId}::uuid`,
          ...Object.values(scoped).map((v) => sql`${v}`),
          ...batch.map((c) => batchValue('incoming', c)),
        ],
        sql`, `,
      )}
      FROM ${batchRows('incoming', batch, cells)}
      RETURNING ${returning(object)}`,
  );
  // In the order asked, whatever order the rows come back in.
  const byId = new Map(inserted.map(saved).map((s) => [s.id, s]));
  const out = ids.map((id) => byId.get(id)!);
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
  const rewritten = await finish(scope, prepared, written, history);
  return rewritten.size ? reread(scope, object, out, [...rewritten]) : out;
}

/** The records of `ids` as they stand now in the write's transaction, in place of their first answer. */
async function reread(scope: WriteScope, object: ResolvedObject, out: Saved[], ids: string[]) {
  const found = await rows<{ j: string; v?: string }>(
    scope.tx,
    sql`SELECT ${returning(object)} FROM ${tableOf(object)}
      WHERE ${tableAlias(object.alias)}.workspace_id = ${scope.ctx.workspace.id}
        AND ${tableAlias(object.alias)}.id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const byId = new Map(found.map(saved).map((s) => [s.id, s]));
  return out.map((s) => byId.get(s.id) ?? s);
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
