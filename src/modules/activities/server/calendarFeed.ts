import { sql } from 'drizzle-orm';
import { randomToken, sha256, type SecretBox } from '../../../server/secrets';
import { rows, type Database } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { calendar, escapeText, utcStamp, type IcsComponent, type IcsProperty } from './ics';

/** The feed shows half a year back and two years ahead, at most this many items. */
const feedLimit = 5000;

const tokenOf = (secrets: SecretBox, workspaceId: string, userId: string, salt: string) =>
  secrets.mac(`calendar-feed\n${workspaceId}\n${userId}\n${salt}`);

const urlOf = (baseUrl: string, workspaceId: string, token: string) =>
  `${baseUrl}/api/v1/calendar-feeds/${workspaceId}/${token}.ics`;

/** The signed-in user's feed URL, made on first use; the same URL until it is rotated. */
export async function feedUrl(ctx: RequestContext, secrets: SecretBox, baseUrl: string): Promise<string> {
  const ws = ctx.workspace.id;
  const [found] = await ctx.db.read((x) =>
    rows<{ salt: string }>(
      x,
      sql`SELECT salt FROM calendar_feeds WHERE workspace_id = ${ws} AND user_id = ${ctx.userId}`,
    ),
  );
  if (found) return urlOf(baseUrl, ws, tokenOf(secrets, ws, ctx.userId, found.salt));
  return rotateFeed(ctx, secrets, baseUrl, false);
}

/** A new token for the user's feed; the old URL stops working when this commits. */
export async function rotateFeed(
  ctx: RequestContext,
  secrets: SecretBox,
  baseUrl: string,
  replace = true,
): Promise<string> {
  const ws = ctx.workspace.id;
  const salt = randomToken(16);
  const token = tokenOf(secrets, ws, ctx.userId, salt);
  const [kept] = await ctx.db.write((tx) =>
    rows<{ salt: string }>(
      tx,
      sql`INSERT INTO calendar_feeds (workspace_id, user_id, salt, token_hash)
        VALUES (${ws}, ${ctx.userId}, ${salt}, ${sha256(token)})
        ON CONFLICT (workspace_id, user_id) DO UPDATE SET
          salt = CASE WHEN ${replace} THEN excluded.salt ELSE calendar_feeds.salt END,
          token_hash = CASE WHEN ${replace} THEN excluded.token_hash ELSE calendar_feeds.token_hash END,
          created_at = CASE WHEN ${replace} THEN now() ELSE calendar_feeds.created_at END
        RETURNING salt`,
    ),
  );
  // Two first uses at once: the one that lost keeps the winner's salt, so both answer the same URL.
  return urlOf(baseUrl, ws, tokenOf(secrets, ws, ctx.userId, kept.salt));
}

/** A meeting or task as a calendar event needs it (column names as the feed's query reads them). */
export interface FeedItem {
  id: string;
  type: string;
  subject: string | null;
  body: string | null;
  body_format: string;
  channel: string | null;
  starts: string;
  duration_minutes: number | null;
  done: boolean;
  recurrence: string | null;
  updated_at: string;
  version: number;
}

const iso = (c: string) => sql.raw(`to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The feed a token opens, as iCalendar text; null when no feed has this token (any more). */
export async function feedCalendar(db: Database, workspaceId: string, token: string): Promise<string | null> {
  return db.read(async (x) => {
    const [feed] = await rows<{ user_id: string; name: string }>(
      x,
      sql`SELECT f.user_id, u.name FROM calendar_feeds f
        JOIN users u ON u.workspace_id = f.workspace_id AND u.id = f.user_id AND NOT u.disabled
        WHERE f.workspace_id = ${workspaceId} AND f.token_hash = ${sha256(token)}`,
    );
    if (!feed) return null;
    const items = await rows<FeedItem>(
      x,
      sql`SELECT a.id, a.type, a.subject, a.body, a.body_format, a.channel, ${iso('coalesce(a.occurred_at, a.due_at)')} AS starts,
          a.duration_minutes, a.done, a.recurrence, ${iso('a.updated_at')} AS updated_at, a.version
        FROM activities a
        WHERE a.workspace_id = ${workspaceId} AND a.assignee_id = ${feed.user_id} AND a.deleted_at IS NULL
          AND ((a.type = 'meeting' AND a.occurred_at >= now() - interval '180 days' AND a.occurred_at < now() + interval '2 years')
            OR (a.type = 'task' AND a.due_at >= now() - interval '180 days' AND a.due_at < now() + interval '2 years'))
        ORDER BY coalesce(a.occurred_at, a.due_at) LIMIT ${feedLimit}`,
    );
    return calendar(`Rapport: ${feed.name}`, items.map(activityEvent));
  });
}

/** Meetings and tasks are both events: calendar apps show events, and most ignore to-dos. */
export function activityEvent(item: FeedItem): IcsComponent {
  const task = item.type === 'task';
  const minutes = item.duration_minutes ?? (task ? 15 : 30);
  const title = item.subject || (task ? 'Task' : 'Meeting');
  const text =
    item.body_format === 'html' ? (item.body ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ') : item.body;
  const properties: IcsProperty[] = [
    ['UID', `${item.id}@rapport`],
    ['DTSTAMP', utcStamp(item.updated_at)],
    ['SEQUENCE', String(item.version)],
    ['DTSTART', utcStamp(item.starts)],
    ['DURATION', `PT${Math.max(minutes, 1)}M`],
    ['SUMMARY', escapeText(task ? `${item.done ? 'Done' : 'Task'}: ${title}` : title)],
  ];
  if (text?.trim()) properties.push(['DESCRIPTION', escapeText(text.trim().slice(0, 2000))]);
  if (item.channel) properties.push(['LOCATION', escapeText(item.channel)]);
  if (task) properties.push(['CATEGORIES', 'Task']);
  else properties.push(['STATUS', 'CONFIRMED']);
  if (item.recurrence) properties.push(['RRULE', item.recurrence.replace(/^RRULE:/i, '')]);
  return { name: 'VEVENT', properties };
}
