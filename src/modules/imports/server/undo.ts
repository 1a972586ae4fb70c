import { sql } from 'drizzle-orm';
import { Conflict, Forbidden } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  baseConditions,
  tableOf,
  writeTransaction,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
  type Values,
} from '../../../server/engine';
import type { FileStore } from '../../../server/files/fileStore';
import { arrayItem } from './matching';
import { forgetPhotos } from './photos';
import { loadImport, setStatus } from './store';

const undoBatch = 500;

interface Change {
  object: string;
  record_id: string;
  created: boolean;
  previous: Values;
}

/** Fields an undo can write back: the ones a user could have set (hooks recompute the rest). */
function restorable(object: ResolvedObject, previous: Values): Values {
  return Object.fromEntries(
    Object.entries(previous).filter(([name]) => {
      const f = object.fields.get(name);
      return !!f && !f.retired && !f.computed && !f.spec.readOnly && (!f.system || f.name === 'ownerId');
    }),
  );
}

async function liveIds(ctx: RequestContext, tx: Executor, object: ResolvedObject, ids: string[]) {
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT t.id FROM ${tableOf(object)} WHERE ${sql.join([...baseConditions(ctx, object), sql`t.id = ANY(${`{${ids.map(arrayItem).join(',')}}`}::uuid[])`], sql` AND `)}`,
  );
  return new Set(found.map((r) => r.id));
}

/**
 * Reverts an import, batch by batch (each batch forgets the changes it reverted, so an interrupted undo
 * goes on where it stopped): fields it changed get back the values its history entries overwrote, and
 * the records it created go to the recycle bin, where they can still be restored (nothing is
 * hard-deleted by a user's action). The import's own object first, then the accounts and deals it
 * created. The vCard photos it kept are removed, rows and files.
 */
export async function undoImport(
  ctx: RequestContext,
  objects: ObjectMap,
  files: FileStore,
  id: string,
): Promise<void> {
  const state = await ctx.db.read((x) => loadImport(x, ctx.workspace.id, id));
  if (ctx.role !== 'admin' && state.created_by !== ctx.userId)
    throw new Forbidden('Only the user who started an import, or an admin, can undo it');
  if (state.dry_run) throw new Conflict('A dry run wrote nothing to undo');
  if (!['done', 'cancelled', 'failed'].includes(state.status))
    throw new Conflict(`The import is ${state.status}; only a finished import can be undone`);
  const undoing = { ...ctx, source: 'import' as const };
  const order = [state.object, ...[...objects.keys()].filter((o) => o !== state.object)];
  for (const phase of ['updated', 'created'] as const) {
    for (const name of order) {
      const object = objects.get(name);
      if (!object) continue;
      for (;;) {
        const more = await writeTransaction(undoing, objects, async (records, tx) => {
          const batch = await rows<Change>(
            tx,
            sql`SELECT object, record_id, created, previous FROM import_changes
              WHERE workspace_id = ${ctx.workspace.id} AND import_id = ${id} AND object = ${name} AND created = ${phase === 'created'}
              ORDER BY record_id LIMIT ${undoBatch} FOR UPDATE`,
          );
          if (batch.length === 0) return false;
          // Records deleted since the import are left where they are.
          const live = await liveIds(
            undoing,
            tx,
            object,
            batch.map((c) => c.record_id),
          );
          const kept = batch.filter((c) => live.has(c.record_id));
          if (phase === 'created')
            await records.delete(
              name,
              kept.map((c) => c.record_id),
            );
          else {
            const restores = kept
              .map((c, i) => ({ id: c.record_id, body: restorable(object, c.previous), path: `update.${i}` }))
              .filter((r) => Object.keys(r.body).length > 0);
            if (restores.length) await records.update(name, restores);
          }
          await tx.execute(
            sql`DELETE FROM import_changes WHERE workspace_id = ${ctx.workspace.id} AND import_id = ${id} AND object = ${name}
              AND record_id = ANY(${`{${batch.map((c) => c.record_id).join(',')}}`}::uuid[])`,
          );
          return batch.length === undoBatch;
        });
        if (!more) break;
      }
    }
  }
  for (;;) {
    const keys = await ctx.db.write((tx) => forgetPhotos(tx, ctx.workspace.id, id, undoBatch));
    for (const key of keys) await files.remove(key);
    if (keys.length < undoBatch) break;
  }
  await ctx.db.write((tx) => setStatus(tx, ctx.workspace.id, id, 'undone'));
}
