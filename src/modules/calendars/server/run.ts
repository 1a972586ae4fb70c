import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Executor } from '../../../server/db/database';
import { tableAlias, visibleTo, type ObjectMap, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { recurrenceError } from '../../activities/server';
import type { Participant } from '../../activities/contract';
import type { DavAccount } from './dav';
import type { CalendarEvent } from './events';

/** One sync of one connection: where, as whom, and what it has done so far. */
export interface SyncRun {
  platform: Platform;
  ctx: RequestContext;
  objects: ObjectMap;
  connectionId: string;
  calendarUrl: string;
  account: DavAccount;
  syncToken: string | null;
  ctag: string | null;
  counts: { seen: number; imported: number; updated: number; pushed: number; failed: number };
  /** what the user should know about this run, in plain words */
  log: string[];
  /** events starting in this window come in as meetings; meetings in it go out as events */
  window: { from: string; to: string };
}

/** What the connection knows of one event: the meeting it is and what both sides last agreed on. */
export interface EventLink {
  href: string;
  uid: string;
  etag: string | null;
  activityId: string;
  syncedVersion: number;
  location: string | null;
  keptRule: string | null;
  allDay: boolean;
}

export async function linksOf(run: SyncRun, x: Executor): Promise<Map<string, EventLink>> {
  const found = await rows<EventLink>(
    x,
    sql`SELECT href, uid, etag, activity_id AS "activityId", synced_version AS "syncedVersion", location,
        kept_rule AS "keptRule", all_day AS "allDay"
      FROM calendar_events WHERE workspace_id = ${run.ctx.workspace.id} AND connection_id = ${run.connectionId}`,
  );
  return new Map(found.map((l) => [l.href, l]));
}

export async function saveLink(run: SyncRun, tx: Executor, link: EventLink) {
  await tx.execute(sql`INSERT INTO calendar_events (workspace_id, connection_id, href, uid, etag, activity_id,
      synced_version, location, kept_rule, all_day)
    VALUES (${run.ctx.workspace.id}, ${run.connectionId}, ${link.href}, ${link.uid}, ${link.etag}, ${link.activityId},
      ${link.syncedVersion}, ${link.location}, ${link.keptRule}, ${link.allDay})
    ON CONFLICT (workspace_id, connection_id, href) DO UPDATE SET uid = excluded.uid, etag = excluded.etag,
      activity_id = excluded.activity_id, synced_version = excluded.synced_version, location = excluded.location,
      kept_rule = excluded.kept_rule, all_day = excluded.all_day`);
}

export async function dropLink(run: SyncRun, tx: Executor, href: string) {
  await tx.execute(sql`DELETE FROM calendar_events
    WHERE workspace_id = ${run.ctx.workspace.id} AND connection_id = ${run.connectionId} AND href = ${href}`);
}

export interface MeetingState {
  id: string;
  version: number;
  updatedAt: string;
  deleted: boolean;
  links: { object: string; id: string }[];
  participants: Participant[];
}

export async function meetingState(run: SyncRun, x: Executor, id: string): Promise<MeetingState | null> {
  const [found] = await rows<MeetingState>(
    x,
    sql`SELECT id, version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
        deleted_at IS NOT NULL AS deleted, links, coalesce(participants, '[]'::jsonb) AS participants
      FROM activities WHERE workspace_id = ${run.ctx.workspace.id} AND id = ${id}`,
  );
  return found ?? null;
}

/** The contacts the connection's user may see whose main or other address is among `emails`. */
export async function contactsByEmail(run: SyncRun, x: Executor, emails: string[]) {
  if (emails.length === 0) return new Map<string, string>();
  const contacts = run.objects.get('contacts');
  if (!contacts) return new Map<string, string>();
  const c = tableAlias(contacts.alias);
  const list = `{${emails.map((e) => `"${e.replace(/["\\]/g, '')}"`).join(',')}}`;
  const found = await rows<{ id: string; email: string | null; emails: string[] | null }>(
    x,
    sql`SELECT ${c}.id, lower(${c}.email) AS email, ${c}.emails FROM contacts ${c}
      WHERE ${c}.workspace_id = ${run.ctx.workspace.id} AND ${c}.deleted_at IS NULL AND ${visibleTo(run.ctx, contacts)}
        AND (lower(${c}.email) = ANY(${list}::text[]) OR ${c}.emails && ${list}::text[])
      ORDER BY ${c}.id LIMIT 200`,
  );
  const byEmail = new Map<string, string>();
  for (const contact of found)
    for (const address of [contact.email, ...(contact.emails ?? []).map((e) => e.toLowerCase())])
      if (address && emails.includes(address) && !byEmail.has(address)) byEmail.set(address, contact.id);
  return byEmail;
}

const validEmail = z.email();

/** A meeting's channel holds a short place (the feed writes it as LOCATION); longer places stay in full on the link. */
export const channelOf = (location: string | null) => (location ? location.slice(0, 60) : null);

/**
 * The meeting's fields from an event: its people as participants, those who are the user's contacts
 * linked (with the links the meeting already has, less contacts who left the invitation), and the
 * event's RRULE as the meeting's recurrence when activities take it (a bounded rule), else kept aside.
 */
export async function meetingFields(
  run: SyncRun,
  x: Executor,
  event: CalendarEvent,
  before: MeetingState | null,
) {
  const contactOf = await contactsByEmail(
    run,
    x,
    event.people.map((p) => p.email),
  );
  const participants: Participant[] = event.people
    .filter((p) => validEmail.safeParse(p.email).success)
    .slice(0, 200)
    .map((p) => ({
      email: p.email,
      ...(p.name ? { name: p.name.slice(0, 300) } : {}),
      ...(contactOf.has(p.email) ? { contactId: contactOf.get(p.email) } : {}),
      role: p.role,
    }));
  const invited = new Set(contactOf.values());
  const left = new Set(
    (before?.participants ?? [])
      .map((p) => p.contactId)
      .filter((id): id is string => !!id && !invited.has(id)),
  );
  const kept = (before?.links ?? []).filter((l) => !(l.object === 'contacts' && left.has(l.id)));
  const links = [
    ...kept,
    ...[...invited].filter((id) => !kept.some((l) => l.id === id)).map((id) => ({ object: 'contacts', id })),
  ];
  const rule = event.rule && recurrenceError(event.rule) === null ? event.rule : null;
  return {
    body: {
      type: 'meeting',
      subject: (event.subject ?? '(no title)').slice(0, 500),
      body: event.description ? event.description.slice(0, 200_000) : null,
      bodyFormat: 'text',
      channel: channelOf(event.location),
      occurredAt: event.start,
      durationMinutes: event.durationMinutes,
      participants,
      links,
      recurrence: rule,
    },
    keptRule: rule === null ? event.rule : null,
  };
}
