import { sql } from 'drizzle-orm';
import { Conflict, NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  records,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
  type Values,
} from '../../../server/engine';
import type { MergeMove } from '../../../server/platform';
import type { MergeState } from '../contract';
import { relatedWriter } from './merge';
import { pointersTo, type Pointer } from './relations';

interface MergeRow {
  id: string;
  object: string;
  survivor_id: string;
  merged_ids: string[];
  survivor_before: Values;
  moves: Pointer[];
  row_moves: { name: string; count: number; undo: unknown }[];
  undone_at: string | null;
  created_at: string;
}

export async function loadMerge(ctx: RequestContext, id: string, lock = false): Promise<MergeRow> {
  const [found] = await ctx.db.read((x) =>
    rows<MergeRow>(
      x,
      sql`SELECT id, object, survivor_id, merged_ids, survivor_before, moves, row_moves, undone_at,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
        FROM merges WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
    ),
  );
  if (!found) throw new NotFound(`No merge with id ${id}`);
  return found;
}

export function mergeState(m: MergeRow): MergeState {
  const counts = new Map<string, number>();
  for (const p of m.moves)
    counts.set(`${p.object}\u0000${p.field}`, (counts.get(`${p.object}\u0000${p.field}`) ?? 0) + 1);
  return {
    id: m.id,
    object: m.object,
    survivorId: m.survivor_id,
    mergedIds: m.merged_ids,
    moved: [...counts].map(([key, count]) => {
      const [object, field] = key.split('\u0000');
      return { object, field, count };
    }),
    movedRows: m.row_moves.map((r) => ({ name: r.name, count: r.count })),
    undone: m.undone_at !== null,
    createdAt: m.created_at,
  };
}

const writable = (object: ResolvedObject, values: Values) =>
  Object.fromEntries(
    Object.entries(values).filter(([name]) => {
      const f = object.fields.get(name);
      return !!f && !f.retired && !f.computed && !f.spec.readOnly && (!f.system || f.name === 'ownerId');
    }),
  );

/**
 * Undoes a merge in one transaction: the merged records come back from the recycle bin, every related
 * record moved still pointing at the survivor goes back to the record it pointed at, and the survivor
 * gets back the values the merge overwrote. A related record changed since is left as it now is.
 */
export async function undoMerge(
  ctx: RequestContext,
  objects: ObjectMap,
  all: ObjectMap,
  id: string,
  rowMoves: (object: string) => MergeMove[],
): Promise<(() => Promise<void>)[]> {
  const tasks: (() => Promise<void>)[] = [];
  const merging = { ...ctx, source: 'merge' as const };
  await ctx.db.write(async (tx) => {
    const [m] = await rows<MergeRow>(
      tx,
      sql`SELECT id, object, survivor_id, merged_ids, survivor_before, moves, row_moves, undone_at
        FROM merges WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} FOR UPDATE`,
    );
    if (!m) throw new NotFound(`No merge with id ${id}`);
    if (m.undone_at) throw new Conflict('This merge has been undone already');
    const object = objects.get(m.object);
    if (!object) throw new NotFound(`There is no object called "${m.object}"`);
    const own = records(merging, tx, objects, (task) => tasks.push(task));
    const related = records(relatedWriter(ctx), tx, all, (task) => tasks.push(task));
    await own.restore(m.object, m.merged_ids);
    const now = await pointersTo(relatedWriter(ctx), tx, all, m.object, [m.survivor_id]);
    const current = new Map(now.map((p) => [`${p.object}\u0000${p.field}\u0000${p.recordId}`, p]));
    const byObject = new Map<string, Map<string, Values>>();
    for (const move of m.moves) {
      if (!current.has(`${move.object}\u0000${move.field}\u0000${move.recordId}`)) continue;
      const bodies = byObject.get(move.object) ?? new Map<string, Values>();
      bodies.set(move.recordId, { ...bodies.get(move.recordId), [move.field]: move.from });
      byObject.set(move.object, bodies);
    }
    for (const [name, bodies] of byObject) {
      const requests = [...bodies].map(([recordId, body], i) => ({
        id: recordId,
        body,
        path: `update.${i}`,
      }));
      for (let i = 0; i < requests.length; i += 500)
        await related.update(name, requests.slice(i, i + 500), 'merge');
    }
    const handlers = rowMoves(m.object);
    for (const moved of m.row_moves)
      await handlers
        .find((h) => h.name === moved.name)
        ?.undo({ ctx: relatedWriter(ctx), tx, records: related }, moved.undo);
    const before = writable(object, m.survivor_before);
    if (Object.keys(before).length)
      await own.update(m.object, [{ id: m.survivor_id, body: before, path: '' }], 'merge');
    await tx.execute(
      sql`UPDATE merges SET undone_at = now() WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    );
  });
  return tasks;
}
