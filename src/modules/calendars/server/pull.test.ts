import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CalendarConnection, ConnectionTest } from '../contract';
import { calendarWorld, meetingsOf, radicaleCommand, type CalendarWorld } from './calendarTesting';
import { syncConnection } from './sync';

// A machine without Radicale skips these; CI (CI=true) installs it and never skips them.
const withRadicale = Boolean(radicaleCommand) || process.env.CI === 'true';

let world: CalendarWorld;
let connectionId: string;

const lunch = (summary: string, attendees: string[], extra: string[] = []) => [
  'BEGIN:VEVENT',
  'UID:phone-lunch-1',
  'DTSTAMP:20261201T080000Z',
  'DTSTART;TZID=Europe/Paris:20261215T120000',
  'DTEND;TZID=Europe/Paris:20261215T133000',
  `SUMMARY:${summary}`,
  'DESCRIPTION:Talk about the renewal\\, and the new site',
  'LOCATION:Café Rouge',
  'ORGANIZER;CN=Rep:mailto:rep@phone.test',
  ...attendees,
  ...extra,
  'END:VEVENT',
];

beforeAll(async () => {
  if (!withRadicale) return;
  world = await calendarWorld();
  await world.putEvent(
    'lunch.ics',
    lunch('Lunch with Jane', [
      'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:JANE@acme.com',
      'ATTENDEE;CN=Someone:mailto:stranger@else.test',
    ]),
  );
  await world.putEvent('dentist.ics', [
    'BEGIN:VEVENT',
    'UID:phone-dentist',
    'DTSTAMP:20261201T080000Z',
    'DTSTART:20261216T090000Z',
    'DURATION:PT30M',
    'SUMMARY:Dentist',
    'END:VEVENT',
  ]);
  await world.putEvent('standup.ics', [
    'BEGIN:VEVENT',
    'UID:phone-standup',
    'DTSTAMP:20261201T080000Z',
    'DTSTART:20261207T083000Z',
    'DTEND:20261207T084500Z',
    'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4',
    'SUMMARY:Stand-up',
    'END:VEVENT',
  ]);
  // Radicale checks what it stores, so a broken event reaches it as a phone's odd but valid text would.
  await world.putEvent('broken.ics', [
    'BEGIN:VEVENT',
    'UID:phone-broken',
    'DTSTAMP:20261201T080000Z',
    'DTSTART;TZID=Mars/Olympus_Mons:20261217T090000',
    'SUMMARY:On Mars',
    'END:VEVENT',
  ]);
}, 60_000);

afterAll(async () => {
  if (!withRadicale) return;
  await world.app.close();
  await world.radicale.stop();
});

describe.skipIf(!withRadicale)('calendar sync, from the calendar into Rapport', () => {
  it('connects, keeps the password to itself, and discovers the calendars', async () => {
    const created = await world.app.call('POST', '/api/v1/me/calendar-connections', {
      as: world.rep.cookie,
      body: { url: world.radicale.url, username: 'rep', password: 'cal-pw-1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toContain('cal-pw-1');
    const connection = created.json<CalendarConnection>();
    connectionId = connection.id;
    expect(connection).toMatchObject({
      passwordSet: true,
      calendarUrl: null,
      health: { state: 'noCalendar' },
    });
    const tested = await world.app.call('POST', `/api/v1/me/calendar-connections/${connectionId}/test`, {
      as: world.rep.cookie,
    });
    expect(tested.json<ConnectionTest>()).toEqual({
      ok: true,
      error: null,
      calendars: [
        { url: `${world.radicale.url}/rep/home/`, name: 'Home' },
        { url: `${world.radicale.url}/rep/work/`, name: 'Work' },
      ],
    });
    const bad = (body: object) =>
      world.app.call('POST', '/api/v1/me/calendar-connections', { as: world.rep.cookie, body });
    const missing = await bad({ url: world.radicale.url, username: 'rep' });
    expect(missing.status).toBe(400);
    expect(missing.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['password']);
    expect((await bad({ url: 'ftp://x.test/', username: 'rep', password: 'p' })).status).toBe(400);
    const privateHost = await bad({ url: 'http://10.1.2.3/dav/', username: 'rep', password: 'p' });
    expect(privateHost.status).toBe(400);
    expect(privateHost.json<{ title: string }>().title).toBe('Host refused');
    const elsewhere = await bad({
      url: world.radicale.url,
      username: 'rep',
      password: 'p',
      calendarUrl: 'https://calendar.other.test/rep/work/',
    });
    expect(elsewhere.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'calendarUrl', message: `is not on ${world.radicale.url}` },
    ]);
    const early = await world.app.call('POST', `/api/v1/me/calendar-connections/${connectionId}/sync`, {
      as: world.rep.cookie,
    });
    expect(early.status).toBe(409);
    expect(early.json<{ detail: string }>().detail).toBe('Pick the calendar to sync first');
    const other = await world.app.call('GET', `/api/v1/me/calendar-connections/${connectionId}`, {
      as: world.admin.cookie,
    });
    expect(other.status).toBe(404);
  });

  it('brings the events in as meetings linked to the contacts invited, and counts the one it cannot read', async () => {
    const picked = await world.app.call('PATCH', `/api/v1/me/calendar-connections/${connectionId}`, {
      as: world.rep.cookie,
      body: { calendarUrl: `${world.radicale.url}/rep/work/` },
    });
    expect(picked.status).toBe(200);
    const synced = await world.sync(connectionId);
    expect(synced.calendarName).toBe('Work');
    expect(synced.health).toMatchObject({
      state: 'ok',
      seen: 4,
      imported: 3,
      updated: 0,
      pushed: 0,
      failed: 1,
      lastError: null,
    });
    expect(synced.health.log).toEqual([
      'broken.ics could not be read and was skipped: The time zone Mars/Olympus_Mons is unknown',
    ]);
    const meetings = await meetingsOf(world);
    expect(meetings.map((m) => [m.subject, m.occurredAt, m.durationMinutes, m.recurrence])).toEqual([
      ['Stand-up', '2026-12-07T08:30:00.000Z', 15, 'FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
      ['Lunch with Jane', '2026-12-15T11:00:00.000Z', 90, null],
      ['Dentist', '2026-12-16T09:00:00.000Z', 30, null],
    ]);
    const [, meeting, dentist] = meetings;
    expect(meeting).toMatchObject({
      body: 'Talk about the renewal, and the new site',
      channel: 'Café Rouge',
      ownerId: world.rep.userId,
      links: [{ object: 'contacts', id: world.jane.id }],
      participants: [
        { email: 'rep@phone.test', name: 'Rep', role: 'organizer' },
        { email: 'jane@acme.com', name: 'Jane Doe', contactId: world.jane.id, role: 'required' },
        { email: 'stranger@else.test', name: 'Someone', role: 'required' },
      ],
    });
    expect(dentist.links).toEqual([]);
    const timeline = await world.app.call('GET', `/api/v1/accounts/${world.acme.id}/timeline?types=meeting`, {
      as: world.rep.cookie,
    });
    expect(timeline.json<{ data: { title: string }[] }>().data.map((e) => e.title)).toContain(
      'Lunch with Jane',
    );
    const history = await world.app.call('GET', `/api/v1/activities/${meeting.id}/history`, {
      as: world.rep.cookie,
    });
    expect(history.json<{ data: { actor: { name: string }; source: string }[] }>().data[0]).toMatchObject({
      actor: { type: 'system', name: 'Calendar sync' },
      source: 'calendarSync',
    });
  });

  it('changes nothing when it syncs again with nothing changed', async () => {
    const before = await meetingsOf(world);
    const etag = (await world.dav('GET', '/rep/work/lunch.ics')).headers.get('etag');
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({ seen: 4, imported: 3, updated: 0, pushed: 0, failed: 1 });
    expect(synced.health.log).toEqual([]);
    expect(await meetingsOf(world)).toEqual(before);
    expect((await world.dav('GET', '/rep/work/lunch.ics')).headers.get('etag')).toBe(etag);
  });

  it('updates the meeting of an event changed on the phone, and bins the meeting of one deleted there', async () => {
    await world.putEvent('lunch.ics', lunch('Lunch\\, moved', ['ATTENDEE:mailto:stranger@else.test']));
    expect((await world.dav('DELETE', '/rep/work/dentist.ics')).status).toBe(200);
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({ seen: 5, imported: 3, updated: 2, failed: 1, lastError: null });
    const meetings = await meetingsOf(world);
    expect(meetings.map((m) => m.subject)).toEqual(['Stand-up', 'Lunch, moved']);
    expect(meetings[1].links).toEqual([]);
    const binned = await world.app.call('GET', '/api/v1/activities/bin', { as: world.rep.cookie });
    expect(binned.body).toContain('Dentist');
  });

  it('shows a refused password in plain words and loses nothing', async () => {
    await world.app.call('PATCH', `/api/v1/me/calendar-connections/${connectionId}`, {
      as: world.rep.cookie,
      body: { password: 'wrong' },
    });
    await world.putEvent('late.ics', [
      'BEGIN:VEVENT',
      'UID:phone-late',
      'DTSTAMP:20261201T080000Z',
      'DTSTART:20261218T090000Z',
      'SUMMARY:Late call',
      'END:VEVENT',
    ]);
    const failing = await world.sync(connectionId);
    expect(failing.health).toMatchObject({
      state: 'failing',
      lastError: 'The server refused the user name or password',
      imported: 3,
    });
    expect((await meetingsOf(world)).map((m) => m.subject)).toEqual(['Stand-up', 'Lunch, moved']);
    await world.app.call('PATCH', `/api/v1/me/calendar-connections/${connectionId}`, {
      as: world.rep.cookie,
      body: { password: 'cal-pw-1' },
    });
    const healed = await world.sync(connectionId);
    expect(healed.health).toMatchObject({ state: 'ok', lastError: null, imported: 4 });
    expect((await meetingsOf(world)).map((m) => m.subject)).toEqual([
      'Stand-up',
      'Lunch, moved',
      'Late call',
    ]);
  });

  it('never syncs one connection twice at once, and lists the calendar whole when the server forgot the token', async () => {
    const twin = (uid: string, summary: string) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20261201T080000Z',
      'DTSTART:20261219T090000Z',
      `SUMMARY:${summary}`,
      'END:VEVENT',
    ];
    await world.putEvent('twin-a.ics', twin('twin-a', 'Twin A'));
    await world.putEvent('twin-b.ics', twin('twin-b', 'Twin B'));
    expect((await world.dav('DELETE', '/rep/work/late.ics')).status).toBe(200);
    // A token the server does not know (expired, or the calendar restored): it answers 403.
    await world.app.platform.db.write((tx) =>
      tx.execute(sql`UPDATE calendar_connections SET sync_token = 'http://radicale.org/ns/sync/0000'`),
    );
    const { workspaceId } = world.admin;
    await Promise.all([
      syncConnection(world.app.platform, workspaceId, connectionId),
      syncConnection(world.app.platform, workspaceId, connectionId),
    ]);
    expect((await meetingsOf(world)).map((m) => m.subject)).toEqual([
      'Stand-up',
      'Lunch, moved',
      'Twin A',
      'Twin B',
    ]);
    expect((await world.connection(connectionId)).health).toMatchObject({ imported: 6, updated: 3 });
  });
});
