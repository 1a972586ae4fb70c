import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import { baseConditions, tableOf, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { Duplicate } from '../contract';
import { likeness } from './rules';

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
  const rules = likeness(object, await duplicateThreshold(x, ctx.workspace.id));
  const found = await rows<Duplicate>(
    x,
    sql`SELECT t.id, ${rules.score} AS score, ${rules.reasons} AS reasons
      FROM ${tableOf(object)} JOIN ${sql.identifier(object.tableName)} AS r
        ON r.workspace_id = t.workspace_id AND r.id = ${id} AND r.id <> t.id
      WHERE ${sql.join([...baseConditions(ctx, object), rules.alike], sql` AND `)}
      ORDER BY score DESC, t.id LIMIT ${limit}`,
  );
  return found;
}
