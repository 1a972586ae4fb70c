import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { foldLine } from './ics';

let app: TestApp;
let admin: { cookie: string; userId: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app?.close());

/** A strict reading of iCalendar text: CRLF lines of at most 75 octets, unfolded into properties. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(physical.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
  const lines = physical.reduce<string[]>((all, line) => {
    if (line.startsWith(' ')) all[all.length - 1] += line.slice(1);
    else all.push(line);
    return all;
  }, []);
  const components: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  const stack: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = {};
    } else if (name === 'END') {
      expect(stack.pop()).toBe(value);
      if (value === 'VEVENT' && current) components.push(current);
      current = null;
    } else if (current) current[name] = value;
  }
  expect(stack).toEqual([]);
  expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
  return components;
}
const unescape = (v: string) => v.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');

describe('the calendar feed', () => {
  it("serves the user's meetings and tasks as valid iCalendar at a private URL", async () => {
    const subject =
      'Kick-off; scope, "pricing" and a very long title that goes on and on — with ünïcödé ✓✓✓ ✓✓✓ ✓✓✓';
    const meeting = await app.call('POST', '/api/v1/activities', {
      as: admin.cookie,
      body: {
        type: 'meeting',
        subject,
        body: 'Agenda:\n1. Scope\n2. Price\\cost',
        occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
        durationMinutes: 45,
        channel: 'Zoom',
      },
    });
    const task = await app.call('POST', '/api/v1/activities', {
      as: admin.cookie,
      body: {
        type: 'task',
        subject: 'Send notes',
        dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      },
    });
    await app.call('POST', '/api/v1/activities', {
      as: admin.cookie,
      body: { type: 'call', subject: 'Not in feed' },
    });
    const { url } = (await app.call('GET', '/api/v1/me/calendar-feed', { as: admin.cookie })).json<{
      url: string;
    }>();
    expect(url).toMatch(
      /^http:\/\/localhost(:80)?\/api\/v1\/calendar-feeds\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    expect((await app.call('GET', '/api/v1/me/calendar-feed', { as: admin.cookie })).json()).toEqual({ url });

    const feed = await app.call('GET', new URL(url).pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = parseIcs(feed.body);
    expect(events).toHaveLength(2);
    const m = meeting.json<{ id: string; occurredAt: string; updatedAt: string }>();
    const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(events[0]).toEqual({
      UID: `${m.id}@rapport`,
      DTSTAMP: stamp(m.updatedAt),
      SEQUENCE: '1',
      DTSTART: stamp(m.occurredAt),
      DURATION: 'PT45M',
      SUMMARY:
        'Kick-off\\; scope\\, "pricing" and a very long title that goes on and on — with ünïcödé ✓✓✓ ✓✓✓ ✓✓✓',
      DESCRIPTION: 'Agenda:\\n1. Scope\\n2. Price\\\\cost',
      LOCATION: 'Zoom',
      STATUS: 'CONFIRMED',
    });
    expect(unescape(events[0].SUMMARY)).toBe(subject);
    expect(events[1]).toMatchObject({
      UID: `${task.json<{ id: string }>().id}@rapport`,
      SUMMARY: 'Task: Send notes',
      CATEGORIES: 'Task',
      DURATION: 'PT15M',
    });
    expect(events[0].DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('rotating revokes the old URL at once; a wrong token or workspace is a 404', async () => {
    const { url: old } = (await app.call('GET', '/api/v1/me/calendar-feed', { as: admin.cookie })).json<{
      url: string;
    }>();
    const rotated = await app.call('POST', '/api/v1/me/calendar-feed/rotate', { as: admin.cookie });
    expect(rotated.status).toBe(200);
    const { url } = rotated.json<{ url: string }>();
    expect(url).not.toBe(old);
    expect((await app.call('GET', new URL(old).pathname)).status).toBe(404);
    expect((await app.call('GET', new URL(url).pathname)).status).toBe(200);
    const other = (await app.signup('Other')).workspaceId;
    const path = new URL(url).pathname;
    expect((await app.call('GET', path.replace(/feeds\/[^/]+/, `feeds/${other}`))).status).toBe(404);
    expect((await app.call('GET', path.replace(/\/[^/]+\.ics$/, '/nonsense.ics'))).status).toBe(404);
    expect((await app.call('POST', '/api/v1/me/calendar-feed/rotate')).status).toBe(401);
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(80)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
    expect(folded[1].startsWith(' ')).toBe(true);
  });
});
