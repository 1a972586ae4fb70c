import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../db/database';
import { diffValues, type FieldChange, type HistoryEntry } from './history';
import type { Values, WrittenRecord } from './lifecycle';
import { saved, type Prepared, type Saved } from './prepare';
import type { ResolvedField, ResolvedObject } from './resolved';
import { buildSearchText } from './searchText';
import { tableOf } from './tableScope';
import { beforeWrite, finish } from './write';
import { batchRows, batchValue, type BatchColumn } from './sqlValues';
import { cellText, customPart, returning, viewOf } from './writeValues';
import type { WriteScope } from './writeScope';

/** One record's update: the record as it was, the fields that change, and their new values. */
interface Change {
  before: Values & { id: string };
  changes: FieldChange[];
  changed: Values;
}

/** Records that set the same columns: one statement updates them all. */
interface Shape {
  columns: ResolvedField[];
  custom: boolean;
  members: Change[];
}

/** Groups changes by the columns they set (and whether they touch custom fields), in first-seen order. */
function shapesOf(object: ResolvedObject, changes: Change[]): Shape[] {
  const shapes = new Map<string, Shape>();
  for (const change of changes) {
    const columns = change.changes
      .map((c) => object.fields.get(c.field))
      .filter((f): f is ResolvedField => !!f && !f.custom && !!f.column)
      .sort((a, b) => a.name.localeCompare(b.name));
    const custom = Object.keys(customPart(object, change.changed)).length > 0;
    const key = `${columns.map((f) => f.name).join(',')}|${custom}`;
    const shape = shapes.get(key) ?? { columns, custom, members: [] };
    shape.members.push(change);
    shapes.set(key, shape);
  }
  return [...shapes.values()];
}

/**
 * One `UPDATE … FROM unnest(…)` for records that set the same columns: each row of the batch brings
 * its id, its new search text, its custom values and the new value of each column.
 */
function updateStatement(scope: WriteScope, object: ResolvedObject, shape: Shape): SQL {
  const { ctx } = scope;
  const whole = object.full;
  const id = { name: 'id', cast: 'uuid' };
  const searchText = { name: 'search_text', cast: 'text' };
  const custom = { name: 'custom', cast: 'jsonb' };
  const columns = shape.columns.map((f, i) => ({ name: `c${i}`, cast: f.kind.cast }));
  const batch: BatchColumn[] = [id, searchText, ...(shape.custom ? [custom] : []), ...columns];
  const cells = shape.members.map(({ before, changed }) => [
    before.id,
    buildSearchText(whole, { ...before, ...changed }),
    ...(shape.custom ? [JSON.stringify(customPart(whole, changed))] : []),
    ...shape.columns.map((f) => cellText(f, changed[f.name])),
  ]);
  const sets: SQL[] = [
    sql`version = t.version + 1`,
    sql`updated_at = now()`,
    sql`updated_by = ${ctx.actor.type === 'user' ? ctx.userId : null}::uuid`,
    sql`search_text = ${batchValue('incoming', searchText)}`,
    ...(shape.custom ? [sql`custom = t.custom || ${batchValue('incoming', custom)}`] : []),
    ...shape.columns.map((f, i) => sql`${sql.identifier(f.column!)} = ${batchValue('incoming', columns[i])}`),
  ];
  return sql`UPDATE ${tableOf(object)} SET ${sql.join(sets, sql`, `)}
    FROM ${batchRows('incoming', batch, cells)}
    WHERE t.workspace_id = ${ctx.workspace.id} AND t.id = ${batchValue('incoming', id)}
    RETURNING ${returning(object)}`;
}

/**
 * Applies prepared updates, one statement per group of records that change the same columns; a patch
 * that changes nothing leaves the record (and its version) as it was. Answers in the order asked.
 */
export async function updatePrepared(scope: WriteScope, prepared: Prepared): Promise<Saved[]> {
  const { object, drafts } = prepared;
  if (drafts.length === 0) return [];
  await beforeWrite(scope, prepared);
  const whole = object.full;
  const changes = drafts.map((draft): Change => {
    const before = draft.before as Values & { id: string };
    const fieldChanges = diffValues(whole, before, { ...before, ...draft.changes });
    return {
      before,
      changes: fieldChanges,
      changed: Object.fromEntries(fieldChanges.map((c) => [c.field, c.to])),
    };
  });
  const after = new Map<string, Saved>();
  for (const shape of shapesOf(
    whole,
    changes.filter((c) => c.changes.length > 0),
  )) {
    const updated = await rows<{ j: string; v?: string }>(scope.tx, updateStatement(scope, object, shape));
    for (const row of updated) {
      const s = saved(row);
      after.set(s.id, s);
    }
  }
  const done = changes.filter((c) => after.has(c.before.id));
  const written = done.map((c): WrittenRecord => ({
    id: c.before.id,
    operation: prepared.operation,
    before: c.before,
    after: after.get(c.before.id)!.record,
    changed: c.changes.map((x) => x.field),
  }));
  const history = done.map((c): HistoryEntry => ({ recordId: c.before.id, changes: c.changes }));
  await finish(scope, prepared, written, history);
  return changes.map(
    (c) => after.get(c.before.id) ?? { id: c.before.id, json: viewOf(object, c.before), record: c.before },
  );
}
