import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { Platform } from '../../../server/platform';
import { userContext } from '../../../server/seed/context';
import { sendNotice } from '../../mail/server';
import type { DayItem, MyDay } from '../contract';
import { myDay } from './myDay';

const digestJob = 'activities.digest';
/** Digests sent per run; the next run (a quarter of an hour later) takes the rest. */
const batch = 200;

interface DueDigest {
  workspace_id: string;
  user_id: string;
  time_zone: string;
  email: string;
  today: string;
}

const line = (item: DayItem, timeZone: string) => {
  const at = item.dueAt ?? item.occurredAt;
  const time = at
    ? new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(at))
    : '';
  return `- ${[time, item.subject ?? `(${item.type} without a subject)`].filter(Boolean).join('  ')}`;
};

/** The day as plain text, or null when there is nothing in it (no email is sent then). */
export function digestText(day: MyDay, appUrl: string | null): string | null {
  const sections: [string, DayItem[]][] = [
    ['Overdue', day.overdue],
    ['Due today', day.dueToday],
    ['Meetings today', day.meetings],
    ['Calls to make', day.callList],
  ];
  const parts = sections
    .filter(([, items]) => items.length)
    .map(
      ([title, items]) => `${title} (${items.length})\n${items.map((i) => line(i, day.timeZone)).join('\n')}`,
    );
  if (!parts.length) return null;
  return [
    `Your day, ${day.date}:`,
    ...parts,
    appUrl ? `Open your day in Rapport: ${appUrl}/` : '',
    'You asked for this email every morning; turn it off on your My day page.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

async function sendDigest(platform: Platform, digest: DueDigest, publicUrl: string | null) {
  const ctx = await userContext(platform.db, digest.workspace_id, digest.user_id);
  if (!ctx) return;
  const text = digestText(await myDay(ctx, digest.time_zone, digest.today), publicUrl);
  if (text)
    await sendNotice(platform, digest.workspace_id, {
      to: [digest.email],
      subject: `Your day in Rapport, ${digest.today}`,
      text,
    });
}

/** Every digest whose hour has come in its time zone and that was not sent on that local date. */
export async function sendDueDigests(platform: Platform): Promise<number> {
  const due = await platform.db.read((x) =>
    rows<DueDigest>(
      x,
      sql`SELECT d.workspace_id, d.user_id, d.time_zone, u.email,
          to_char(now() AT TIME ZONE d.time_zone, 'YYYY-MM-DD') AS today
        FROM daily_digests d
        JOIN users u ON u.workspace_id = d.workspace_id AND u.id = d.user_id AND NOT u.disabled
        WHERE extract(hour FROM now() AT TIME ZONE d.time_zone) >= d.hour
          AND (d.last_sent_on IS NULL OR d.last_sent_on < (now() AT TIME ZONE d.time_zone)::date)
        LIMIT ${batch}`,
    ),
  );
  const publicUrl = platform.settings.RAPPORT_PUBLIC_URL?.replace(/\/$/, '') ?? null;
  const failed: string[] = [];
  for (const digest of due) {
    // Marked first: a digest is worth less than the promise of never getting two in a day.
    await platform.db.write((tx) =>
      tx.execute(sql`UPDATE daily_digests SET last_sent_on = ${digest.today}::date
        WHERE workspace_id = ${digest.workspace_id} AND user_id = ${digest.user_id}`),
    );
    await sendDigest(platform, digest, publicUrl).catch((error: unknown) =>
      failed.push(`${digest.email}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  if (failed.length) throw new Error(`Daily digests not sent: ${failed.join('; ')}`);
  return due.length;
}

/** Looks for digests to send every quarter of an hour (time zones differ by quarters), once across processes. */
export function scheduleDigests(platform: Platform) {
  platform.jobs.define(digestJob, () => sendDueDigests(platform).then(() => undefined), {
    cron: '*/15 * * * *',
    retryLimit: 0,
  });
}
