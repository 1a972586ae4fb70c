import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { AuditAction, AuditEntry } from '../contract';

export const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Records a privacy action in the caller's transaction: it is logged if and only if it happened. */
export async function writeAudit(
  ctx: RequestContext,
  tx: Executor,
  action: AuditAction,
  contactId: string | null,
  detail: Record<string, unknown> = {},
) {
  const actor = ctx.actor.type === 'system' ? null : ctx.userId;
  await tx.execute(
    sql`INSERT INTO privacy_audit (workspace_id, id, actor_id, action, contact_id, detail)
      VALUES (${ctx.workspace.id}, ${uuidv7()}, ${actor}::uuid, ${action}, ${contactId}::uuid, ${JSON.stringify(detail)}::jsonb)`,
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A keyset cursor that is one id (the last of the page), refused with a 400 when it is anything else. */
export function idCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  if (!uuidPattern.test(cursor))
    throw new ValidationFailed('The cursor is not one this list gave', [
      { path: 'cursor', message: 'is not valid' },
    ]);
  return cursor;
}

/** The audit log, newest first. */
export async function auditLog(ctx: RequestContext, limit: number, cursor?: string) {
  const before = idCursor(cursor);
  const found = await ctx.db.read((x) =>
    rows<AuditEntry>(
      x,
      sql`SELECT a.id, ${iso('a.at')} AS at, a.actor_id AS "actorId", u.name AS "actorName", a.action,
          a.contact_id AS "contactId", a.detail
        FROM privacy_audit a
        LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = a.actor_id
        WHERE a.workspace_id = ${ctx.workspace.id} ${before ? sql`AND a.id < ${before}::uuid` : sql``}
        ORDER BY a.id DESC LIMIT ${limit + 1}`,
    ),
  );
  const data = found.slice(0, limit);
  return { data, nextCursor: found.length > limit ? data[data.length - 1].id : null };
}
