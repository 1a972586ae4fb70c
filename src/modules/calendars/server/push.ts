import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { Participant } from '../../activities/contract';
import { davRequest, multistatus, statusError, textOf } from './dav';
import { calendarObjectOf, plainText } from './events';
import { channelOf, dropLink, saveLink, type SyncRun } from './run';

/** Meetings written to the calendar per run; the rest follow in the next. */
const pushLimit = 500;

interface Outgoing {
  id: string;
  version: number;
  updatedAt: string;
  subject: string | null;
  body: string | null;
  bodyFormat: string;
  channel: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  recurrence: string | null;
  participants: Participant[];
  contacts: { email: string; name: string }[];
  href: string | null;
  uid: string | null;
  etag: string | null;
  location: string | null;
  keptRule: string | null;
  allDay: boolean | null;
}

const iso = (c: string) => sql.raw(`to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The user's meetings to write: new ones in the window that no calendar holds yet (an event pulled
 * from a calendar is never offered as new), and the connection's ones changed in Rapport since the
 * two sides last agreed, with their linked contacts' addresses.
 */
function outgoing(run: SyncRun) {
  const ws = run.ctx.workspace.id;
  return run.platform.db.read((x) =>
    rows<Outgoing>(
      x,
      sql`SELECT a.id, a.version, ${iso('a.updated_at')} AS "updatedAt", a.subject, a.body, a.body_format AS "bodyFormat",
          a.channel, ${iso('a.occurred_at')} AS "occurredAt", a.duration_minutes AS "durationMinutes", a.recurrence,
          coalesce(a.participants, '[]'::jsonb) AS participants,
          coalesce((SELECT json_agg(json_build_object('email', lower(c.email),
              'name', trim(concat_ws(' ', c.first_name, c.last_name))))
            FROM jsonb_array_elements(a.links) l
            JOIN contacts c ON c.workspace_id = a.workspace_id AND c.id = (l->>'id')::uuid
            WHERE l->>'object' = 'contacts' AND c.email IS NOT NULL AND c.deleted_at IS NULL), '[]'::json) AS contacts,
          e.href, e.uid, e.etag, e.location, e.kept_rule AS "keptRule", e.all_day AS "allDay"
        FROM activities a
        LEFT JOIN calendar_events e ON e.workspace_id = a.workspace_id AND e.activity_id = a.id
          AND e.connection_id = ${run.connectionId}
        WHERE a.workspace_id = ${ws} AND a.type = 'meeting' AND a.deleted_at IS NULL AND a.occurred_at IS NOT NULL
          AND ((e.href IS NULL AND a.owner_id = ${run.ctx.userId}
              AND a.occurred_at >= ${run.window.from}::timestamptz AND a.occurred_at <= ${run.window.to}::timestamptz
              AND NOT EXISTS (SELECT 1 FROM calendar_events o WHERE o.workspace_id = a.workspace_id AND o.activity_id = a.id))
            OR (e.href IS NOT NULL AND a.version > e.synced_version))
        ORDER BY a.occurred_at, a.id LIMIT ${pushLimit}`,
    ),
  );
}

/** Events whose meetings went to the recycle bin (or are gone), to delete from the calendar. */
function binned(run: SyncRun) {
  return run.platform.db.read((x) =>
    rows<{ href: string; subject: string | null }>(
      x,
      sql`SELECT e.href, a.subject FROM calendar_events e
        LEFT JOIN activities a ON a.workspace_id = e.workspace_id AND a.id = e.activity_id
        WHERE e.workspace_id = ${run.ctx.workspace.id} AND e.connection_id = ${run.connectionId}
          AND (a.id IS NULL OR a.deleted_at IS NOT NULL OR a.type <> 'meeting')`,
    ),
  );
}

async function organizerOf(run: SyncRun) {
  const [user] = await run.platform.db.read((x) =>
    rows<{ email: string; name: string }>(
      x,
      sql`SELECT email, name FROM users WHERE workspace_id = ${run.ctx.workspace.id} AND id = ${run.ctx.userId}`,
    ),
  );
  return user ? { email: user.email.toLowerCase(), name: user.name } : null;
}

/** The event text of a meeting: its people from participants and linked contacts, the organizer the user. */
function eventText(m: Outgoing, organizer: { email: string; name: string } | null) {
  const attendees = new Map<string, { email: string; name: string | null; optional: boolean }>();
  for (const p of m.participants)
    if (p.email && p.role !== 'organizer' && p.email.toLowerCase() !== organizer?.email)
      attendees.set(p.email.toLowerCase(), {
        email: p.email.toLowerCase(),
        name: p.name ?? null,
        optional: p.role === 'optional',
      });
  for (const c of m.contacts)
    if (!attendees.has(c.email) && c.email !== organizer?.email)
      attendees.set(c.email, { email: c.email, name: c.name || null, optional: false });
  const sameChannel = m.location !== null && channelOf(m.location) === m.channel;
  return calendarObjectOf({
    uid: m.uid ?? `${m.id}@rapport`,
    subject: m.subject,
    description: m.body ? plainText(m.body, m.bodyFormat) : null,
    location: sameChannel ? m.location : m.channel,
    start: m.occurredAt,
    durationMinutes: m.durationMinutes,
    allDay: m.allDay === true,
    rule: m.recurrence ?? m.keptRule,
    organizer,
    attendees: [...attendees.values()],
    updatedAt: m.updatedAt,
    sequence: m.version,
  });
}

/** The ETag of a member, when the server did not answer one with the write. */
async function etagOf(run: SyncRun, url: string): Promise<string | null> {
  const response = await davRequest(run.account, 'PROPFIND', url, {
    depth: '0',
    body: '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
  });
  if (response.status !== 207) return null;
  const [entry] = multistatus(response.body).entries;
  return entry ? textOf(entry.props.getetag) : null;
}

/** Writes the user's new and changed meetings to the calendar and deletes the binned ones' events. */
export async function pushMeetings(run: SyncRun): Promise<void> {
  const organizer = await organizerOf(run);
  for (const m of await outgoing(run)) {
    const href = m.href ?? new URL(`${m.id}.ics`, run.calendarUrl).pathname;
    const url = new URL(href, run.calendarUrl).href;
    const response = await davRequest(run.account, 'PUT', url, {
      body: eventText(m, organizer),
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        ...(m.href === null ? { 'If-None-Match': '*' } : m.etag ? { 'If-Match': m.etag } : {}),
      },
    });
    if (response.status === 412) {
      // Changed in the calendar since it was read: the next run's pull settles it, newest first.
      run.log.push(
        `"${m.subject ?? 'Meeting'}" changed in the calendar while it was being written; the next sync settles it`,
      );
      continue;
    }
    if (response.status < 200 || response.status >= 300) throw statusError(response, `the event ${href}`);
    const etag = (response.headers.etag as string | undefined) ?? (await etagOf(run, url));
    await run.platform.db.write((tx) =>
      saveLink(run, tx, {
        href,
        uid: m.uid ?? `${m.id}@rapport`,
        etag,
        activityId: m.id,
        syncedVersion: m.version,
        location: m.location,
        keptRule: m.keptRule,
        allDay: m.allDay === true,
      }),
    );
    run.counts.pushed++;
  }
  for (const gone of await binned(run)) {
    const response = await davRequest(run.account, 'DELETE', new URL(gone.href, run.calendarUrl).href);
    if (response.status >= 300 && response.status !== 404)
      throw statusError(response, `the event ${gone.href}`);
    await run.platform.db.write((tx) => dropLink(run, tx, gone.href));
    run.counts.pushed++;
  }
}
