import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { MyDay } from '../contract';

let app: TestApp;
let admin: string;
let rep: { cookie: string; userId: string };

async function activity(body: Record<string, unknown>, as = admin) {
  const response = await app.call('POST', '/api/v1/activities', { as, body });
  if (response.status !== 201) throw new Error(response.body);
  return response.json<{ id: string }>().id;
}

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  rep = await app.addUser(admin, 'rep');
});
afterAll(() => app?.close());

describe('GET /me/day', () => {
  it("lists the user's tasks due that day, overdue ones, meetings and call list, in their time zone", async () => {
    const ids = {
      dueMorning: await activity(
        { type: 'task', subject: 'Send quote', dueAt: '2030-06-10T07:30:00.000Z' },
        rep.cookie,
      ),
      callToday: await activity(
        { type: 'call', subject: 'Call Ann', dueAt: '2030-06-10T14:00:00.000Z' },
        rep.cookie,
      ),
      overdue: await activity(
        { type: 'task', subject: 'Chase invoice', dueAt: '2030-06-08T10:00:00.000Z' },
        rep.cookie,
      ),
      overdueCall: await activity(
        { type: 'call', subject: 'Call Bob', dueAt: '2030-06-09T21:00:00.000Z' },
        rep.cookie,
      ),
      meeting: await activity(
        { type: 'meeting', subject: 'Demo', occurredAt: '2030-06-10T09:00:00.000Z' },
        rep.cookie,
      ),
      // 23:30 UTC on the 10th is already the 11th in Paris
      tomorrow: await activity(
        { type: 'task', subject: 'Later', dueAt: '2030-06-10T23:30:00.000Z' },
        rep.cookie,
      ),
    };
    await activity(
      { type: 'task', subject: 'Done already', dueAt: '2030-06-10T08:00:00.000Z', done: true },
      rep.cookie,
    );
    await activity({ type: 'task', subject: "Admin's own", dueAt: '2030-06-10T08:00:00.000Z' });

    const response = await app.call('GET', '/api/v1/me/day?tz=Europe/Paris&date=2030-06-10', {
      as: rep.cookie,
    });
    expect(response.status).toBe(200);
    const day = response.json<MyDay>();
    const subjects = (list: MyDay['dueToday']) => list.map((i) => i.subject);
    expect(day.date).toBe('2030-06-10');
    expect(subjects(day.dueToday)).toEqual(['Send quote', 'Call Ann']);
    expect(subjects(day.overdue)).toEqual(['Chase invoice', 'Call Bob']);
    expect(subjects(day.meetings)).toEqual(['Demo']);
    expect(subjects(day.callList)).toEqual(['Call Bob', 'Call Ann']);
    expect(day.dueToday[0]).toEqual({
      id: ids.dueMorning,
      type: 'task',
      subject: 'Send quote',
      occurredAt: null,
      dueAt: '2030-06-10T07:30:00.000Z',
      done: false,
      priority: null,
      links: [],
    });
    const utc = (await app.call('GET', '/api/v1/me/day?date=2030-06-10', { as: rep.cookie })).json<MyDay>();
    expect(subjects(utc.dueToday)).toEqual(['Send quote', 'Call Ann', 'Later']);
  });

  it('refuses an unknown time zone or a bad date', async () => {
    const bad = await app.call('GET', '/api/v1/me/day?tz=Mars/Olympus&date=tomorrow', { as: rep.cookie });
    expect(bad.status).toBe(400);
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['date', 'tz']);
    expect((await app.call('GET', '/api/v1/me/day')).status).toBe(401);
  });
});
