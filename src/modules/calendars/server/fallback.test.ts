import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarConnection } from '../contract';
import {
  calendarWorld,
  meetingsOf,
  radicaleCommand,
  withoutSyncCollection,
  type CalendarWorld,
} from './calendarTesting';

// A machine without Radicale skips these; CI (CI=true) installs it and never skips them.
const withRadicale = Boolean(radicaleCommand) || process.env.CI === 'true';

let world: CalendarWorld;
let proxy: Awaited<ReturnType<typeof withoutSyncCollection>>;
let connectionId: string;

const call = (uid: string, summary: string) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20261201T080000Z',
  'DTSTART:20261222T090000Z',
  'DTEND:20261222T093000Z',
  `SUMMARY:${summary}`,
  'ATTENDEE:mailto:jane@acme.com',
  'END:VEVENT',
];

beforeAll(async () => {
  if (!withRadicale) return;
  world = await calendarWorld();
  proxy = await withoutSyncCollection(world.radicale.url);
  await world.putEvent('one.ics', call('one', 'Call one'));
  await world.putEvent('two.ics', call('two', 'Call two'));
}, 60_000);

afterAll(async () => {
  if (!withRadicale) return;
  await world.app.close();
  await proxy.close();
  await world.radicale.stop();
});

describe.skipIf(!withRadicale)('calendar sync with a server without sync-collection', () => {
  it('lists the calendar by ETags, skips it while the CTag stays, and finds deletions by absence', async () => {
    const created = await world.app.call('POST', '/api/v1/me/calendar-connections', {
      as: world.rep.cookie,
      body: { url: proxy.url, username: 'rep', password: 'cal-pw-1', calendarUrl: `${proxy.url}/rep/work/` },
    });
    connectionId = created.json<CalendarConnection>().id;
    const first = await world.sync(connectionId);
    expect(first.health).toMatchObject({ state: 'ok', seen: 2, imported: 2, updated: 0, failed: 0 });
    // Both read in one calendar-multiget, none by GET.
    expect(proxy.seen.gets).toBe(0);
    const meetings = await meetingsOf(world);
    expect(meetings.map((m) => [m.subject, m.links])).toEqual([
      ['Call one', [{ object: 'contacts', id: world.jane.id }]],
      ['Call two', [{ object: 'contacts', id: world.jane.id }]],
    ]);
    const listings = proxy.seen.listings;
    const again = await world.sync(connectionId);
    expect(again.health).toMatchObject({ seen: 2, imported: 2, updated: 0, pushed: 0 });
    expect(proxy.seen.listings).toBe(listings);
    expect(await meetingsOf(world)).toEqual(meetings);

    await world.putEvent('one.ics', call('one', 'Call one\\, longer'));
    expect((await world.dav('DELETE', '/rep/work/two.ics')).status).toBe(200);
    const changed = await world.sync(connectionId);
    expect(changed.health).toMatchObject({ seen: 3, imported: 2, updated: 2, failed: 0, lastError: null });
    expect((await meetingsOf(world)).map((m) => m.subject)).toEqual(['Call one, longer']);
  });

  it('writes a meeting made in Rapport through the same server', async () => {
    const created = await world.app.call('POST', '/api/v1/activities', {
      as: world.rep.cookie,
      body: {
        type: 'meeting',
        subject: 'Review',
        occurredAt: '2026-12-23T15:00:00.000Z',
        durationMinutes: 60,
      },
    });
    const { id } = created.json<{ id: string }>();
    const synced = await world.sync(connectionId);
    expect(synced.health).toMatchObject({ pushed: 1, imported: 2, failed: 0 });
    const text = await (await world.dav('GET', `/rep/work/${id}.ics`)).text();
    expect(text).toContain('SUMMARY:Review');
    const again = await world.sync(connectionId);
    expect(again.health).toMatchObject({ pushed: 1, imported: 2, updated: 2 });
  });
});
