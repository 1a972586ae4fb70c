import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarConnection } from '../contract';
import {
  calendarWorld,
  meetingsOf,
  radicaleCommand,
  type CalendarWorld,
  type Meeting,
} from './calendarTesting';

// A machine without Radicale skips these; CI (CI=true) installs it and never skips them.
const withRadicale = Boolean(radicaleCommand) || process.env.CI === 'true';

let world: CalendarWorld;
let connectionId: string;
let demo: Meeting;

/** The event's content lines, unfolded, without the stamp that changes on every write. */
async function eventLines(path: string) {
  const response = await world.dav('GET', path);
  if (response.status !== 200) return { status: response.status, lines: [] as string[] };
  const text = (await response.text()).replace(/\r\n[ \t]/g, '');
  return { status: 200, lines: text.split('\r\n').filter((l) => l && !l.startsWith('DTSTAMP')) };
}

const patchMeeting = (id: string, body: object) =>
  world.app.call('PATCH', `/api/v1/activities/${id}`, { as: world.rep.cookie, body });

beforeAll(async () => {
  if (!withRadicale) return;
  world = await calendarWorld();
  const created = await world.app.call('POST', '/api/v1/me/calendar-connections', {
    as: world.rep.cookie,
    body: {
      url: `${world.radicale.url}/`,
      username: 'rep',
      password: 'cal-pw-1',
      calendarUrl: `${world.radicale.url}/rep/work/`,
    },
  });
  connectionId = created.json<CalendarConnection>().id;
  await world.sync(connectionId);
}, 60_000);

afterAll(async () => {
  if (!withRadicale) return;
  await world.app.close();
  await world.radicale.stop();
});

describe.skipIf(!withRadicale)('calendar sync, from Rapport into the calendar', () => {
  it('writes a meeting made in Rapport to the calendar, with its contacts invited', async () => {
    const created = await world.app.call('POST', '/api/v1/activities', {
      as: world.rep.cookie,
      body: {
        type: 'meeting',
        subject: 'Demo for Acme',
        body: 'Show the new reports; bring the price list',
        occurredAt: '2026-12-20T14:00:00.000Z',
        durationMinutes: 45,
        channel: 'Zoom',
        links: [{ object: 'contacts', id: world.jane.id }],
      },
    });
    expect(created.status).toBe(201);
    demo = created.json<Meeting>();
    const me = await world.app.call('GET', '/api/v1/auth/me', { as: world.rep.cookie });
    const repName = me.json<{ user: { name: string } }>().user.name;
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({ state: 'ok', pushed: 1, imported: 0, failed: 0 });
    const event = await eventLines(`/rep/work/${demo.id}.ics`);
    // Radicale stores the event as it reads it: properties reordered, parameter quotes dropped.
    expect(
      event.lines.filter((l) => !/^(BEGIN|END|VERSION|PRODID|LAST-MODIFIED|SEQUENCE)/.test(l)).sort(),
    ).toEqual([
      'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@acme.com',
      'DESCRIPTION:Show the new reports\\; bring the price list',
      'DTSTART:20261220T140000Z',
      'DURATION:PT45M',
      'LOCATION:Zoom',
      `ORGANIZER;CN=${repName}:mailto:${world.rep.email}`,
      'SUMMARY:Demo for Acme',
      `UID:${demo.id}@rapport`,
    ]);
  });

  it('does not echo: a sync with nothing changed writes and reads nothing', async () => {
    const etag = (await world.dav('GET', `/rep/work/${demo.id}.ics`)).headers.get('etag');
    const before = await meetingsOf(world);
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({ seen: 0, imported: 0, updated: 0, pushed: 1, failed: 0 });
    expect(await meetingsOf(world)).toEqual(before);
    expect((await world.dav('GET', `/rep/work/${demo.id}.ics`)).headers.get('etag')).toBe(etag);
  });

  it('writes a change made in Rapport to the event', async () => {
    expect(
      (
        await patchMeeting(demo.id, {
          subject: 'Demo for Acme, moved',
          occurredAt: '2026-12-21T10:00:00.000Z',
        })
      ).status,
    ).toBe(200);
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({ pushed: 2, updated: 0 });
    const { lines } = await eventLines(`/rep/work/${demo.id}.ics`);
    expect(lines).toContain('SUMMARY:Demo for Acme\\, moved');
    expect(lines).toContain('DTSTART:20261221T100000Z');
  });

  it('keeps the newest change when both sides changed: the calendar’s', async () => {
    const { lines } = await eventLines(`/rep/work/${demo.id}.ics`);
    expect((await patchMeeting(demo.id, { subject: 'Changed in Rapport' })).status).toBe(200);
    const theirs = lines
      .filter((l) => !/^(SUMMARY|LAST-MODIFIED|BEGIN:VCALENDAR|END:VCALENDAR|VERSION|PRODID)/.test(l))
      .flatMap((l) =>
        l === 'END:VEVENT' ? ['SUMMARY:Changed on the phone', 'LAST-MODIFIED:20300101T000000Z', l] : [l],
      );
    expect((await world.putEvent(`${demo.id}.ics`, theirs)).status).toBeLessThan(300);
    const synced = await world.sync(connectionId);
    expect(synced.health.log).toEqual([
      '"Changed on the phone" changed on both sides; the calendar\'s change (2030-01-01T00:00:00.000Z) is newer and was kept',
    ]);
    const meeting = (await meetingsOf(world)).find((m) => m.id === demo.id);
    expect(meeting?.subject).toBe('Changed on the phone');
    expect((await eventLines(`/rep/work/${demo.id}.ics`)).lines).toContain('SUMMARY:Changed on the phone');
  });

  it('keeps the newest change when both sides changed: Rapport’s', async () => {
    const { lines } = await eventLines(`/rep/work/${demo.id}.ics`);
    const theirs = lines
      .filter((l) => !/^(SUMMARY|LAST-MODIFIED|BEGIN:VCALENDAR|END:VCALENDAR|VERSION|PRODID)/.test(l))
      .flatMap((l) =>
        l === 'END:VEVENT' ? ['SUMMARY:Old phone change', 'LAST-MODIFIED:20260101T000000Z', l] : [l],
      );
    expect((await world.putEvent(`${demo.id}.ics`, theirs)).status).toBeLessThan(300);
    expect((await patchMeeting(demo.id, { subject: 'Newer in Rapport' })).status).toBe(200);
    const synced = await world.sync(connectionId);
    expect(synced.health.log).toHaveLength(1);
    expect(synced.health.log[0]).toMatch(
      /^"Old phone change" changed on both sides; Rapport's change \(.+\) is newer and was kept, and written to the calendar$/,
    );
    const meeting = (await meetingsOf(world)).find((m) => m.id === demo.id);
    expect(meeting?.subject).toBe('Newer in Rapport');
    expect((await eventLines(`/rep/work/${demo.id}.ics`)).lines).toContain('SUMMARY:Newer in Rapport');
  });

  it('deletes the event of a meeting deleted in Rapport', async () => {
    const pushed = (await world.connection(connectionId)).health.pushed;
    expect(
      (await world.app.call('DELETE', `/api/v1/activities/${demo.id}`, { as: world.rep.cookie })).status,
    ).toBe(204);
    const synced = await world.sync(connectionId);
    expect(synced.health.pushed).toBe(pushed + 1);
    expect((await eventLines(`/rep/work/${demo.id}.ics`)).status).toBe(404);
    const again = await world.sync(connectionId);
    expect(again.health).toMatchObject({ pushed: pushed + 1, imported: 0, failed: 0 });
  });

  it('leaves out events outside the window, and keeps a rule without end for the calendar', async () => {
    const before = (await world.connection(connectionId)).health;
    const event = (uid: string, start: string, extra: string[]) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20240101T000000Z',
      `DTSTART:${start}`,
      'DURATION:PT30M',
      `SUMMARY:${uid}`,
      ...extra,
      'END:VEVENT',
    ];
    await world.putEvent('old.ics', event('Old one', '20250601T090000Z', []));
    await world.putEvent(
      'ended.ics',
      event('Ended series', '20240105T090000Z', ['RRULE:FREQ=WEEKLY;UNTIL=20250101T000000Z']),
    );
    await world.putEvent(
      'weekly.ics',
      event('Weekly review', '20240105T090000Z', ['RRULE:FREQ=WEEKLY;BYDAY=FR']),
    );
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({
      seen: before.seen + 3,
      imported: before.imported + 1,
      pushed: before.pushed,
      failed: 0,
    });
    expect(synced.health.log).toEqual([
      '"Weekly review" repeats without end (FREQ=WEEKLY;BYDAY=FR); its meeting is the first occurrence, and the rule is kept for the calendar',
    ]);
    const weekly = (await meetingsOf(world)).find((m) => m.subject === 'Weekly review');
    expect(weekly).toMatchObject({ occurredAt: '2024-01-05T09:00:00.000Z', recurrence: null });
    expect((await patchMeeting(weekly?.id ?? '', { subject: 'Weekly review, renamed' })).status).toBe(200);
    const pushed = await world.sync(connectionId);
    expect(pushed.health.pushed).toBe(before.pushed + 1);
    const { lines } = await eventLines('/rep/work/weekly.ics');
    expect(lines).toContain('SUMMARY:Weekly review\\, renamed');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=FR');
    expect(lines).toContain('UID:Weekly review');
  });

  it('writes a whole-day event back with dates', async () => {
    await world.putEvent('fair.ics', [
      'BEGIN:VEVENT',
      'UID:trade-fair',
      'DTSTAMP:20261201T000000Z',
      'DTSTART;VALUE=DATE:20261228',
      'DTEND;VALUE=DATE:20261230',
      'SUMMARY:Trade fair',
      'END:VEVENT',
    ]);
    await world.sync(connectionId);
    const fair = (await meetingsOf(world)).find((m) => m.subject === 'Trade fair');
    expect(fair).toMatchObject({ occurredAt: '2026-12-28T00:00:00.000Z', durationMinutes: 2880 });
    expect((await patchMeeting(fair?.id ?? '', { subject: 'Trade fair, stand 4' })).status).toBe(200);
    await world.sync(connectionId);
    const { lines } = await eventLines('/rep/work/fair.ics');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261228');
    expect(lines).toContain('DTEND;VALUE=DATE:20261230');
    expect(lines).toContain('SUMMARY:Trade fair\\, stand 4');
  });
});
