import { sql, type SQL } from 'drizzle-orm';
import { Forbidden } from '../../common/errors';
import type { RequestContext } from './context';
import { tableAlias, type ResolvedObject } from './resolved';

/** Whether the caller sees every record of the object, so that summaries kept for all may answer. */
export function seesEvery(ctx: RequestContext, object: ResolvedObject): boolean {
  return !object.declaration.hasOwner || ctx.role === 'admin' || object.visibility === 'workspace';
}

/**
 * Who sees which records, as one SQL condition on the object's alias: the owner always, the owner's team
 * when the object is team-visible, managers their teams' records, admins and workspace-visible
 * objects everyone. A record without an owner (only an admin may clear one) is seen by admins only,
 * so clearing the owner never publishes a record.
 */
export function visibleTo(ctx: RequestContext, object: ResolvedObject): SQL {
  if (seesEvery(ctx, object)) return sql`TRUE`;
  const t = tableAlias(object.alias);
  const own = sql`${t}.owner_id = ${ctx.userId}`;
  const teamWide = object.visibility === 'team' || ctx.role === 'manager';
  if (!teamWide || !ctx.teamId) return sql`(${own})`;
  return sql`(${own} OR ${t}.owner_id IN (SELECT u.id FROM users u WHERE u.workspace_id = ${ctx.workspace.id} AND u.team_id = ${ctx.teamId}))`;
}

export function assertCanWrite(ctx: RequestContext): void {
  if (ctx.role === 'viewer') throw new Forbidden('Viewers cannot change records');
}

export function assertAdmin(ctx: RequestContext): void {
  if (ctx.role !== 'admin') throw new Forbidden('Only an admin can do this');
}
