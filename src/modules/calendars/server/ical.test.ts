import { describe, expect, it } from 'vitest';
import { eventOf } from './events';
import { durationMinutes, IcalError, parseCalendar, timeOf, unfold } from './ical';

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) =>
  calendar('BEGIN:VEVENT', 'UID:u1', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT');

describe('reading iCalendar', () => {
  it('unfolds continuation lines of either kind and either line end', () => {
    expect(unfold('SUMMARY:Lunch wi\r\n th Jane\n\tand Bob\rDESCRIPTION:x\r\n')).toEqual([
      'SUMMARY:Lunch with Janeand Bob',
      'DESCRIPTION:x',
    ]);
  });

  it('reads a time in a zone by its daylight-saving rules, on both sides of the change', () => {
    const root = parseCalendar(calendar());
    const at = (value: string) =>
      timeOf(root, { name: 'DTSTART', params: { TZID: 'Europe/Paris' }, value }).iso;
    expect(at('20260115T120000')).toBe('2026-01-15T11:00:00.000Z');
    expect(at('20260715T120000')).toBe('2026-07-15T10:00:00.000Z');
    expect(timeOf(root, { name: 'DTSTART', params: {}, value: '20260715T120000' }).iso).toBe(
      '2026-07-15T12:00:00.000Z',
    );
    expect(timeOf(root, { name: 'DTSTART', params: { VALUE: 'DATE' }, value: '20260715' })).toEqual({
      iso: '2026-07-15T00:00:00.000Z',
      allDay: true,
    });
  });

  it('takes the offset of a VTIMEZONE whose name is not an IANA zone', () => {
    const text = calendar(
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:outlook-1',
      'DTSTART;TZID="W. Europe Standard Time":20261210T090000',
      'DURATION:PT1H30M',
      'END:VEVENT',
    );
    expect(eventOf(text)).toMatchObject({ start: '2026-12-10T08:00:00.000Z', durationMinutes: 90 });
  });

  it('reads the master of a recurring event, its people and its stamp', () => {
    const text = event(
      'DTSTART:20261207T083000Z',
      'DTEND:20261207T090000Z',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'SUMMARY:Stand-up\\; daily',
      'ORGANIZER;CN="Boss, The":mailto:Boss@Corp.test',
      'ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:a@corp.test',
      'ATTENDEE:not-an-address',
      'LAST-MODIFIED:20261201T101010Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:u1',
      'RECURRENCE-ID:20261214T083000Z',
      'DTSTART:20261214T100000Z',
      'SUMMARY:Moved one',
    );
    expect(eventOf(text)).toEqual({
      uid: 'u1',
      subject: 'Stand-up; daily',
      description: null,
      location: null,
      start: '2026-12-07T08:30:00.000Z',
      allDay: false,
      durationMinutes: 30,
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      people: [
        { email: 'boss@corp.test', name: 'Boss, The', role: 'organizer' },
        { email: 'a@corp.test', name: null, role: 'optional' },
      ],
      changedAt: '2026-12-01T10:10:10.000Z',
      cancelled: false,
    });
  });

  it('answers null for a calendar without an event, and refuses what cannot be an event', () => {
    expect(eventOf(calendar('BEGIN:VTODO', 'UID:t', 'END:VTODO'))).toBeNull();
    expect(() => eventOf(event('SUMMARY:No start'))).toThrow(
      new IcalError('The event has no start (DTSTART)'),
    );
    expect(() => eventOf(event('DTSTART:2026-12-07'))).toThrow(IcalError);
    expect(() => eventOf('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR')).toThrow(
      new IcalError('END:VCALENDAR does not close VEVENT'),
    );
    expect(() => eventOf('garbage')).toThrow(IcalError);
    expect(() => durationMinutes('one hour')).toThrow(IcalError);
    expect(durationMinutes('-P1DT2H')).toBe(-1560);
  });
});
