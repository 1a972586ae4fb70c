import { sql } from 'drizzle-orm';
import { preparedRows, rows, type Executor } from '../../../server/db/database';
import {
  baseConditions,
  tableOf,
  writeTransaction,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import type { Duplicate } from '../contract';
import { likeness, narrowNameLookups } from './rules';

export async function duplicateThreshold(x: Executor, workspaceId: string): Promise<number> {
  const [found] = await rows<{ t: number }>(
    x,
    sql`SELECT duplicate_threshold AS t FROM quality_settings WHERE workspace_id = ${workspaceId}`,
  );
  return found?.t ?? 0.6;
}

/** The likely duplicates of one record among those the caller may see, most alike first. */
export async function duplicatesOf(
  ctx: RequestContext,
  x: Executor,
  object: ResolvedObject,
  id: string,
  limit = 20,
): Promise<Duplicate[]> {
  const threshold = await duplicateThreshold(x, ctx.workspace.id);
  const rules = likeness(object, threshold);
  return x.transaction(async (tx) => {
    await narrowNameLookups(tx, threshold);
    return preparedRows<Duplicate>(
      tx,
      sql`SELECT t.id, ${rules.score} AS score, ${rules.reasons} AS reasons
      FROM ${sql.identifier(object.tableName)} AS r
      CROSS JOIN LATERAL (${rules.candidates}) AS candidate
      JOIN ${tableOf(object)} ON t.workspace_id = r.workspace_id AND t.id = candidate.id AND t.id <> r.id
      WHERE r.workspace_id = ${ctx.workspace.id} AND r.id = ${id}
        AND ${sql.join([...baseConditions(ctx, object), rules.alike], sql` AND `)}
      ORDER BY score DESC, t.id LIMIT ${limit}`,
    );
  });
}

/** Thrown to roll back the trial create of a duplicate check, carrying what it found. */
class TrialCreate extends Error {
  constructor(readonly found: Duplicate[]) {
    super('trial create rolled back');
  }
}

/**
 * The likely duplicates of a record not saved yet: it is created in a transaction that is then rolled
 * back, so it is normalised and checked exactly as its real create will be (a 400 names its bad fields).
 */
export async function duplicatesOfUnsaved(
  ctx: RequestContext,
  objects: ObjectMap,
  object: ResolvedObject,
  body: unknown,
): Promise<Duplicate[]> {
  try {
    await writeTransaction(ctx, objects, async (records, tx) => {
      const [saved] = await records.create(object.name, [{ body, path: '' }]);
      throw new TrialCreate(await duplicatesOf(ctx, tx, object, saved.id));
    });
  } catch (error) {
    if (error instanceof TrialCreate) return error.found;
    throw error;
  }
  return [];
}
