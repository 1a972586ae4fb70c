import { sql } from 'drizzle-orm';
import { ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { getRecordJson, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { sendEmail } from '../../mail/server';
import type { MeetingInvite, Participant } from '../contract';
import { activityEvent } from './calendarFeed';
import { calendar, escapeText } from './ics';

type Json = Record<string, unknown>;

/** Who is invited: the addresses given, or the meeting's participants and linked contacts with an email. */
async function inviteesOf(ctx: RequestContext, platform: Platform, meeting: Json, given?: string[]) {
  if (given?.length) return given.map((address) => ({ address, name: '' }));
  const found = new Map<string, string>();
  for (const p of (meeting.participants ?? []) as Participant[])
    if (p.email && p.role !== 'organizer' && !p.userId) found.set(p.email.toLowerCase(), p.name ?? '');
  const contacts = await platform.registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role);
  for (const link of (meeting.links ?? []) as { object: string; id: string }[]) {
    if (link.object !== 'contacts') continue;
    const contact = JSON.parse(await getRecordJson(ctx, contacts, link.id).catch(() => '{}')) as Json;
    if (typeof contact.email === 'string')
      found.set(contact.email.toLowerCase(), [contact.firstName, contact.lastName].filter(Boolean).join(' '));
  }
  return [...found].map(([address, name]) => ({ address, name }));
}

/**
 * Emails a meeting's invitation (an iCalendar REQUEST, RFC 5546, that calendar apps offer to accept)
 * to its contacts, through the workspace's SMTP server, and logs the email on the meeting's records.
 */
export async function inviteToMeeting(
  platform: Platform,
  ctx: RequestContext,
  meetingId: string,
  input: MeetingInvite,
) {
  const activities = await platform.registry.object(ctx.db, ctx.workspace, 'activities', ctx.role);
  const meeting = JSON.parse(await getRecordJson(ctx, activities, meetingId)) as Json;
  if (meeting.type !== 'meeting')
    throw new ValidationFailed('Only a meeting has an invitation', [
      { path: 'type', message: 'is not a meeting' },
    ]);
  const starts = (meeting.occurredAt ?? meeting.dueAt) as string | null;
  if (!starts || new Date(starts).getTime() < Date.now())
    throw new ValidationFailed('An invitation is for a meeting to come: set its time first', [
      { path: 'occurredAt', message: starts ? 'is in the past' : 'is required for an invitation' },
    ]);
  const invitees = await inviteesOf(ctx, platform, meeting, input.to);
  if (invitees.length === 0)
    throw new ValidationFailed('Nobody to invite: link a contact with an email, or give addresses', [
      { path: 'to', message: 'is required: no participant or linked contact has an email address' },
    ]);
  // The organizer is the person sending: their calendar gets the answers.
  const [organizer] = await ctx.db.read((x) =>
    rows<{ name: string; email: string }>(
      x,
      sql`SELECT name, email FROM users WHERE workspace_id = ${ctx.workspace.id} AND id = ${ctx.userId}`,
    ),
  );
  const event = activityEvent({
    id: String(meeting.id),
    type: 'meeting',
    subject: (meeting.subject as string | null) ?? null,
    body: (meeting.body as string | null) ?? null,
    body_format: String(meeting.bodyFormat ?? 'text'),
    channel: (meeting.channel as string | null) ?? null,
    starts,
    duration_minutes: (meeting.durationMinutes as number | null) ?? null,
    done: false,
    recurrence: (meeting.recurrence as string | null) ?? null,
    updated_at: String(meeting.updatedAt),
    version: Number(meeting.version),
  });
  if (organizer)
    event.properties.push([`ORGANIZER;CN=${escapeText(organizer.name)}`, `mailto:${organizer.email}`]);
  for (const invitee of invitees)
    event.properties.push([
      `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE${invitee.name ? `;CN=${escapeText(invitee.name)}` : ''}`,
      `mailto:${invitee.address}`,
    ]);
  const ics = calendar(String(meeting.subject ?? 'Meeting'), [event], 'REQUEST');
  const when = new Date(starts).toUTCString();
  const contact = ((meeting.links ?? []) as { object: string; id: string }[]).find(
    (l) => l.object === 'contacts',
  );
  return sendEmail(
    platform,
    ctx,
    {
      record: { object: 'activities', id: meetingId },
      ...(contact ? { contactId: contact.id } : {}),
      to: invitees.map((i) => i.address),
      subject: `Invitation: ${String(meeting.subject ?? 'Meeting')} (${when})`,
      body: `${input.message ? `${input.message}\n\n` : ''}${String(meeting.subject ?? 'Meeting')}\nWhen: ${when}, ${Number(meeting.durationMinutes ?? 30)} minutes\n\nThe invitation is attached: your calendar offers to accept it.\n\n{{user.name}}`,
      bodyFormat: 'text',
    },
    {
      attachments: {
        store: platform.files,
        files: [
          {
            filename: 'invite.ics',
            declaredType: 'text/calendar; method=REQUEST; charset=UTF-8',
            content: Buffer.from(ics),
          },
        ],
      },
      links: ((meeting.links ?? []) as { object: string; id: string }[]).filter((l) => l.id !== contact?.id),
      arranged: true,
    },
  );
}
