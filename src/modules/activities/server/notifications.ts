import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { Notification } from '../contract';

const columns = sql.raw(`id, kind, title, activity_id AS "activityId",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt"`);

/** The signed-in user's notifications newer than `after` (an id), oldest first; unread ones only unless `all`. */
export function notificationsAfter(
  ctx: RequestContext,
  after: string | null,
  options: { unreadOnly: boolean; limit: number },
): Promise<Notification[]> {
  return ctx.db.read((x) =>
    rows<Notification>(
      x,
      sql`SELECT ${columns} FROM notifications
        WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${ctx.userId}
          ${after ? sql`AND id > ${after}::uuid` : sql``}
          ${options.unreadOnly ? sql`AND read_at IS NULL` : sql``}
        ORDER BY id LIMIT ${options.limit}`,
    ),
  );
}

/** The user's latest notifications, newest first, keyset-paged by id. */
export function latestNotifications(
  ctx: RequestContext,
  before: string | null,
  limit: number,
): Promise<Notification[]> {
  return ctx.db.read((x) =>
    rows<Notification>(
      x,
      sql`SELECT ${columns} FROM notifications
        WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${ctx.userId}
          ${before ? sql`AND id < ${before}::uuid` : sql``}
        ORDER BY id DESC LIMIT ${limit}`,
    ),
  );
}

/** Marks the user's own notifications read; others' ids are ignored, as if they did not exist. */
export async function markRead(ctx: RequestContext, ids: string[]): Promise<number> {
  const updated = await ctx.db.write((tx) =>
    rows<{ id: string }>(
      tx,
      sql`UPDATE notifications SET read_at = now()
        WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${ctx.userId} AND read_at IS NULL
          AND id = ANY(${`{${ids.join(',')}}`}::uuid[])
        RETURNING id`,
    ),
  );
  return updated.length;
}
