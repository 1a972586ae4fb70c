import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from './context';
import { tableAlias, type ResolvedObject } from './resolved';
import { visibleTo } from './visibility';

export function tableOf(object: ResolvedObject): SQL {
  return sql`${sql.identifier(object.tableName)} AS ${sql.identifier(object.alias)}`;
}

/** Conditions every read of an object starts from: workspace, not in the bin, its scope, visible to ctx. */
export function baseConditions(ctx: RequestContext, object: ResolvedObject, deleted = false): SQL[] {
  const t = tableAlias(object.alias);
  const conditions = [
    sql`${t}.workspace_id = ${ctx.workspace.id}`,
    deleted ? sql`${t}.deleted_at IS NOT NULL` : sql`${t}.deleted_at IS NULL`,
    visibleTo(ctx, object),
  ];
  if (object.declaration.scope) conditions.push(object.declaration.scope.condition(t));
  return conditions;
}
