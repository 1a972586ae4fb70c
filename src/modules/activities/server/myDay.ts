import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { DayItem, MyDay } from '../contract';

/** Each list of the day shows at most this many items; a longer overdue list is a problem of its own. */
const listLimit = 200;

const iso = (c: string) => sql.raw(`to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The signed-in user's day in their time zone: open tasks due today and overdue, today's meetings,
 * and the call list (open call tasks due by the end of today). Reads the assignee's index only.
 */
export async function myDay(ctx: RequestContext, timeZone: string, date: string | undefined): Promise<MyDay> {
  const ws = ctx.workspace.id;
  const day = date ?? new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const start = sql`(${day}::date::timestamp AT TIME ZONE ${timeZone})`;
  const end = sql`((${day}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
  const list = (condition: SQL, order: SQL) =>
    sql`SELECT a.id, a.type, a.subject, ${iso('a.occurred_at')} AS "occurredAt", ${iso('a.due_at')} AS "dueAt",
        a.done, a.priority, a.links
      FROM activities a
      WHERE a.workspace_id = ${ws} AND a.assignee_id = ${ctx.userId} AND a.deleted_at IS NULL AND ${condition}
      ORDER BY ${order}, a.id LIMIT ${listLimit}`;
  const open = sql`NOT a.done AND a.due_at IS NOT NULL`;
  const [dueToday, overdue, meetings, callList] = await ctx.db.read(async (x) => [
    await rows<DayItem>(x, list(sql`${open} AND a.due_at >= ${start} AND a.due_at < ${end}`, sql`a.due_at`)),
    await rows<DayItem>(x, list(sql`${open} AND a.due_at < ${start}`, sql`a.due_at`)),
    await rows<DayItem>(
      x,
      list(
        sql`a.type = 'meeting' AND a.occurred_at >= ${start} AND a.occurred_at < ${end}`,
        sql`a.occurred_at`,
      ),
    ),
    await rows<DayItem>(x, list(sql`${open} AND a.type = 'call' AND a.due_at < ${end}`, sql`a.due_at`)),
  ]);
  return { date: day, timeZone, dueToday, overdue, meetings, callList };
}
