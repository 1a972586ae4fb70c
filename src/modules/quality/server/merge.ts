import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound, ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  baseConditions,
  records,
  tableOf,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
  type Values,
} from '../../../server/engine';
import type { MergeMove } from '../../../server/platform';
import type { MergeInput } from '../contract';
import { pointersTo, repointed } from './relations';

/** The writer of related records during a merge: the merging user, seeing every record, so none is left behind. */
export const relatedWriter = (ctx: RequestContext): RequestContext => ({
  ...ctx,
  role: 'admin',
  source: 'merge',
});

export async function assertVisible(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  ids: string[],
  deleted = false,
) {
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT t.id FROM ${tableOf(object)} WHERE ${sql.join([...baseConditions(ctx, object, deleted), sql`t.id = ANY(${`{${ids.join(',')}}`}::uuid[])`], sql` AND `)}`,
  );
  const have = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length)
    throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${missing[0]}`);
}

/** The values an update overwrote, from the history entries written since `since`. */
export async function overwritten(
  ctx: RequestContext,
  tx: Executor,
  object: string,
  id: string,
  since: string,
) {
  const found = await rows<{ changes: { field: string; from: unknown }[] }>(
    tx,
    sql`SELECT changes FROM record_history WHERE workspace_id = ${ctx.workspace.id} AND object = ${object}
      AND record_id = ${id} AND id >= ${since}::uuid ORDER BY id`,
  );
  const before: Values = {};
  for (const entry of found)
    for (const c of entry.changes) if (!(c.field in before)) before[c.field] = c.from;
  return before;
}

/**
 * Merges records into a survivor in one transaction: the survivor takes the chosen values, every
 * record that refers or links to a merged record is moved to the survivor, and so are other modules'
 * own rows that refer to it (through their MergeMoves), and the merged records go
 * to the recycle bin; everything is recorded so the merge can be undone.
 */
export async function mergeRecords(
  ctx: RequestContext,
  objects: ObjectMap,
  all: ObjectMap,
  object: ResolvedObject,
  input: MergeInput,
  rowMoves: MergeMove[],
): Promise<{ mergeId: string; tasks: (() => Promise<void>)[] }> {
  const merged = [...new Set(input.mergedIds)];
  if (merged.includes(input.survivorId))
    throw new ValidationFailed('The survivor cannot be merged into itself', [
      { path: 'mergedIds', message: 'must not hold the survivor' },
    ]);
  const mergeId = uuidv7();
  const merging = { ...ctx, source: 'merge' as const, sourceRef: `merges/${mergeId}` };
  const tasks: (() => Promise<void>)[] = [];
  await ctx.db.write(async (tx) => {
    const own = records(merging, tx, objects, (task) => tasks.push(task));
    const related = records(relatedWriter(merging), tx, all, (task) => tasks.push(task));
    await assertVisible(merging, tx, object, [input.survivorId, ...merged]);
    const since = uuidv7();
    if (input.values && Object.keys(input.values).length)
      await own.update(object.name, [{ id: input.survivorId, body: input.values, path: '' }], 'merge');
    const survivorBefore = await overwritten(ctx, tx, object.name, input.survivorId, since);
    const pointers = (await pointersTo(relatedWriter(ctx), tx, all, object.name, merged)).filter(
      (p) => !(p.object === object.name && (p.recordId === input.survivorId || merged.includes(p.recordId))),
    );
    const from = new Set(merged);
    const byObject = new Map<string, typeof pointers>();
    for (const p of pointers) byObject.set(p.object, [...(byObject.get(p.object) ?? []), p]);
    for (const [name, list] of byObject) {
      // One update per record, with every one of its fields that pointed at a merged record.
      const bodies = new Map<string, Values>();
      for (const p of list)
        bodies.set(p.recordId, {
          ...bodies.get(p.recordId),
          [p.field]: repointed(p.from, object.name, from, input.survivorId),
        });
      const requests = [...bodies].map(([id, body], i) => ({ id, body, path: `update.${i}` }));
      for (let i = 0; i < requests.length; i += 500)
        await related.update(name, requests.slice(i, i + 500), 'merge');
    }
    const moved = [];
    for (const m of rowMoves) {
      const { count, undo } = await m.move(
        { ctx: relatedWriter(merging), tx, records: related },
        merged,
        input.survivorId,
      );
      moved.push({ name: m.name, count, undo });
    }
    await own.delete(object.name, merged);
    await tx.execute(
      sql`INSERT INTO merges (workspace_id, id, object, survivor_id, merged_ids, survivor_before, moves, row_moves, created_by)
        VALUES (${ctx.workspace.id}, ${mergeId}, ${object.name}, ${input.survivorId}, ${JSON.stringify(merged)}::jsonb,
          ${JSON.stringify(survivorBefore)}::jsonb, ${JSON.stringify(pointers)}::jsonb, ${JSON.stringify(moved)}::jsonb, ${ctx.userId})`,
    );
  });
  return { mergeId, tasks };
}
