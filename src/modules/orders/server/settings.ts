import { sql } from 'drizzle-orm';
import { ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { OrderNotification, OrderSettings } from '../contract';

export async function orderSettingsOf(ctx: RequestContext): Promise<OrderSettings> {
  const [row] = await ctx.db.read((x) =>
    rows<{ notify_user_ids: string[] }>(
      x,
      sql`SELECT notify_user_ids FROM order_settings WHERE workspace_id = ${ctx.workspace.id}`,
    ),
  );
  return { notifyUserIds: row?.notify_user_ids ?? [] };
}

/** Names the provisioning and support people: active users of the workspace only. */
export async function updateOrderSettings(ctx: RequestContext, input: OrderSettings): Promise<OrderSettings> {
  assertAdmin(ctx);
  const ids = [...new Set(input.notifyUserIds)];
  const literal = `{${ids.join(',')}}`;
  return ctx.db.write(async (tx) => {
    const found = await rows<{ id: string }>(
      tx,
      sql`SELECT id FROM users WHERE workspace_id = ${ctx.workspace.id} AND NOT disabled AND id = ANY(${literal}::uuid[])`,
    );
    const known = new Set(found.map((r) => r.id));
    const errors = input.notifyUserIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: `notifyUserIds.${i}`, message: `no active user with id ${id}` }],
    );
    if (errors.length) throw new ValidationFailed('Unknown users', errors);
    await tx.execute(sql`INSERT INTO order_settings (workspace_id, notify_user_ids) VALUES (${ctx.workspace.id}, ${literal}::uuid[])
      ON CONFLICT (workspace_id) DO UPDATE SET notify_user_ids = excluded.notify_user_ids`);
    return { notifyUserIds: ids };
  });
}

/** The signed-in user's order notices, newest first (at most 100). */
export async function myOrderNotifications(ctx: RequestContext): Promise<OrderNotification[]> {
  return ctx.db.read((x) =>
    rows<OrderNotification>(
      x,
      sql`SELECT id, order_id AS "orderId", account_id AS "accountId", title,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
          to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt"
        FROM order_notifications WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${ctx.userId}
        ORDER BY created_at DESC, id DESC LIMIT 100`,
    ),
  );
}

export async function markNotificationRead(ctx: RequestContext, id: string) {
  await ctx.db.write((tx) =>
    tx.execute(sql`UPDATE order_notifications SET read_at = coalesce(read_at, now())
      WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${ctx.userId} AND id = ${id}`),
  );
}
