import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Adoption } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string };
let east: { cookie: string; userId: string };
let loner: { cookie: string; userId: string };
const get = async (as: string) =>
  (await app.call('GET', '/api/v1/insights/adoption', { as })).json<Adoption>();
const deal = async (ownerId: string, nextStep?: string) =>
  (
    await app.call('POST', '/api/v1/deals', { as: admin.cookie, body: { name: 'D', ownerId, nextStep } })
  ).json<{ id: string }>().id;

async function logCall(as: string, daysAgo: number) {
  const occurredAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const logged = await app.call('POST', '/api/v1/activities', {
    as,
    body: { type: 'call', subject: 'Call', occurredAt },
  });
  expect(logged.status, logged.body).toBe(201);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const team = (await app.call('POST', '/api/v1/teams', { as: admin.cookie, body: { name: 'East' } })).json<{
    id: string;
  }>().id;
  east = await app.addUser(admin.cookie, 'rep', team);
  loner = await app.addUser(admin.cookie, 'rep');
  await deal(east.userId, 'Call on Monday');
  await deal(east.userId, 'Send the proposal');
  const stale = await deal(loner.userId);
  await app.db.write((tx) =>
    tx.execute(sql`UPDATE deals SET updated_at = now() - interval '30 days' WHERE id = ${stale}`),
  );
  // The East rep called yesterday; the loner's last call was 10 days ago, too long to count.
  await logCall(east.cookie, 1);
  await logCall(loner.cookie, 10);
});
afterAll(() => app.close());

describe('adoption', () => {
  it('shares of practices per team and for the workspace, about practices, not people', async () => {
    const answer = await get(admin.cookie);
    const view = answer.groups.map((g) => [
      g.name,
      g.seats,
      g.practices.map((p) => [p.practice, p.followers, p.users, p.share]),
    ]);
    expect(view).toEqual([
      [
        'Whole workspace',
        3,
        [
          ['stageUpdates', 1, 2, 0.5],
          ['nextSteps', 1, 2, 0.5],
          ['checklists', 0, 2, 0],
          ['loggingCalls', 1, 2, 0.5],
        ],
      ],
      [
        'East',
        1,
        [
          ['stageUpdates', 1, 1, 1],
          ['nextSteps', 1, 1, 1],
          ['checklists', 0, 1, 0],
          ['loggingCalls', 1, 1, 1],
        ],
      ],
      [
        'No team',
        2,
        [
          ['stageUpdates', 0, 1, 0],
          ['nextSteps', 0, 1, 0],
          ['checklists', 0, 1, 0],
          ['loggingCalls', 0, 1, 0],
        ],
      ],
    ]);
    expect(answer.groups[0].practices[3]).toMatchObject({ dataAvailable: true });
    expect(answer.stageUpdateDays).toBe(14);
    expect(answer.individuals).toBeUndefined();
    expect(answer.ignored).toContainEqual({ object: 'deals', action: 'export' });
  });

  it('shows per-person figures only when enabled: to admins for everyone, to each person for themselves', async () => {
    await app.call('PATCH', '/api/v1/insights/settings', {
      as: admin.cookie,
      body: { individualAdoption: true },
    });
    // By name: the East rep was added first (its name, numbered, sorts first).
    expect((await get(admin.cookie)).individuals?.map((p) => [p.userId, p.practices])).toEqual([
      [east.userId, ['stageUpdates', 'nextSteps', 'loggingCalls']],
      [loner.userId, []],
    ]);
    expect((await get(east.cookie)).individuals?.map((p) => p.userId)).toEqual([east.userId]);
    expect(
      (
        await app.call('PATCH', '/api/v1/insights/settings', {
          as: east.cookie,
          body: { individualAdoption: false },
        })
      ).status,
    ).toBe(403);
  });

  it('highlights, when enabled, the teams whose share of active seats rose over the week before', async () => {
    const off = await app.call('GET', '/api/v1/insights/highlight', { as: admin.cookie });
    expect(off.json()).toEqual({ enabled: false, teams: [], quality: [] });
    await app.call('PATCH', '/api/v1/insights/settings', {
      as: admin.cookie,
      body: { weeklyHighlight: true },
    });
    // The East rep signed in this week and not the week before: from 0 to 1 of 1 seat.
    await app.db.write((tx) =>
      tx.execute(
        sql`DELETE FROM usage_events WHERE user_id = ${east.userId} AND at < now() - interval '7 days'`,
      ),
    );
    const on = await app.call('GET', '/api/v1/insights/highlight', { as: east.cookie });
    expect(on.json()).toMatchObject({ enabled: true, teams: [{ name: 'East', thisWeek: 1, weekBefore: 0 }] });
  });
});
