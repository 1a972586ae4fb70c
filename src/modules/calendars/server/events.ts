import { escapeText, foldLine, utcStamp } from '../../activities/server';
import {
  durationMinutes,
  IcalError,
  parseCalendar,
  propertiesOf,
  propertyOf,
  timeOf,
  unescapeText,
  type IcalComponent,
  type IcalProperty,
} from './ical';

export interface EventPerson {
  email: string;
  name: string | null;
  role: 'organizer' | 'required' | 'optional';
}

/** What Rapport takes from an event: a meeting's fields, the people, and when it last changed. */
export interface CalendarEvent {
  uid: string;
  subject: string | null;
  description: string | null;
  location: string | null;
  start: string;
  /** a DATE start: a whole day (or days), without a time */
  allDay: boolean;
  durationMinutes: number | null;
  /** the master event's RRULE (its exceptions, RECURRENCE-ID overrides, are not taken) */
  rule: string | null;
  people: EventPerson[];
  /** LAST-MODIFIED, else DTSTAMP: what "the newest change wins" compares */
  changedAt: string | null;
  cancelled: boolean;
}

const mailto = (p: IcalProperty) => {
  const address = p.value
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : null;
};

function personOf(p: IcalProperty, role: EventPerson['role']): EventPerson | null {
  const email = mailto(p);
  return email ? { email, name: p.params.CN?.trim() || null, role } : null;
}

const textOf = (event: IcalComponent, name: string) => {
  const p = propertyOf(event, name);
  const value = p ? unescapeText(p.value).trim() : '';
  return value === '' ? null : value;
};

/**
 * The event of one calendar object resource, or null when it holds no event (a to-do). The master
 * is the VEVENT without RECURRENCE-ID. Throws IcalError when the text cannot be read as an event.
 */
export function eventOf(text: string): CalendarEvent | null {
  const calendar = parseCalendar(text);
  const events = calendar.components.filter((c) => c.name === 'VEVENT');
  if (events.length === 0) return null;
  const master = events.find((e) => !propertyOf(e, 'RECURRENCE-ID')) ?? events[0];
  const uid = propertyOf(master, 'UID')?.value.trim();
  if (!uid) throw new IcalError('The event has no UID');
  const dtstart = propertyOf(master, 'DTSTART');
  if (!dtstart) throw new IcalError('The event has no start (DTSTART)');
  const start = timeOf(calendar, dtstart);
  const dtend = propertyOf(master, 'DTEND');
  const duration = propertyOf(master, 'DURATION');
  const minutes = dtend
    ? Math.round((Date.parse(timeOf(calendar, dtend).iso) - Date.parse(start.iso)) / 60_000)
    : duration
      ? durationMinutes(duration.value)
      : start.allDay
        ? 1440
        : null;
  const organizer = propertyOf(master, 'ORGANIZER');
  const people = [
    ...(organizer ? [personOf(organizer, 'organizer')] : []),
    ...propertiesOf(master, 'ATTENDEE').map((p) =>
      personOf(p, p.params.ROLE?.toUpperCase() === 'OPT-PARTICIPANT' ? 'optional' : 'required'),
    ),
  ].filter((p): p is EventPerson => p !== null);
  const stamp = propertyOf(master, 'LAST-MODIFIED') ?? propertyOf(master, 'DTSTAMP');
  return {
    uid,
    subject: textOf(master, 'SUMMARY'),
    description: textOf(master, 'DESCRIPTION'),
    location: textOf(master, 'LOCATION'),
    start: start.iso,
    allDay: start.allDay,
    durationMinutes: minutes !== null && minutes >= 0 ? minutes : null,
    rule: propertyOf(master, 'RRULE')?.value.trim() || null,
    people: [...new Map(people.map((p) => [p.email, p])).values()],
    changedAt: stamp ? timeOf(calendar, stamp).iso : null,
    cancelled: textOf(master, 'STATUS')?.toUpperCase() === 'CANCELLED',
  };
}

/** A meeting as Rapport writes it to the calendar. */
export interface MeetingEvent {
  uid: string;
  subject: string | null;
  description: string | null;
  location: string | null;
  start: string;
  durationMinutes: number | null;
  /** written as DATE values when the meeting still covers whole days from midnight UTC */
  allDay: boolean;
  rule: string | null;
  organizer: { email: string; name: string } | null;
  attendees: { email: string; name: string | null; optional: boolean }[];
  updatedAt: string;
  sequence: number;
}

/** DTSTART and its length: dates for a whole-day event that still is one, else a UTC time and minutes. */
function timesOf(m: MeetingEvent): string[] {
  const minutes = Math.max(m.durationMinutes ?? 30, 0);
  if (m.allDay && m.start.endsWith('T00:00:00.000Z') && minutes > 0 && minutes % 1440 === 0) {
    const date = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
    const end = new Date(Date.parse(m.start) + minutes * 60_000).toISOString();
    return [`DTSTART;VALUE=DATE:${date(m.start)}`, `DTEND;VALUE=DATE:${date(end)}`];
  }
  return [`DTSTART:${utcStamp(m.start)}`, `DURATION:PT${minutes}M`];
}

const cn = (name: string | null) => (name ? `;CN="${name.replace(/["\r\n]/g, '')}"` : '');

/** One calendar object resource (RFC 4791 §4.1: one event, no METHOD), lines folded. */
export function calendarObjectOf(m: MeetingEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rapport//Rapport CRM//EN',
    'BEGIN:VEVENT',
    `UID:${m.uid}`,
    `DTSTAMP:${utcStamp(new Date().toISOString())}`,
    `LAST-MODIFIED:${utcStamp(m.updatedAt)}`,
    `SEQUENCE:${m.sequence}`,
    ...timesOf(m),
    `SUMMARY:${escapeText(m.subject ?? 'Meeting')}`,
    ...(m.description ? [`DESCRIPTION:${escapeText(m.description)}`] : []),
    ...(m.location ? [`LOCATION:${escapeText(m.location)}`] : []),
    ...(m.rule ? [`RRULE:${m.rule.replace(/^RRULE:/i, '')}`] : []),
    ...(m.organizer ? [`ORGANIZER${cn(m.organizer.name)}:mailto:${m.organizer.email}`] : []),
    ...m.attendees.map(
      (a) =>
        `ATTENDEE;ROLE=${a.optional ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT'}${cn(a.name)}:mailto:${a.email}`,
    ),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** An HTML body as the plain text a calendar's notes field shows. */
export function plainText(body: string, format: string): string {
  if (format !== 'html') return body;
  return body
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
