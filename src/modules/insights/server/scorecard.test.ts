import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Pipeline } from '../../deals/contract';
import type { Scorecard, ScorecardTile } from '../contract';
import { scorecardQueue } from './refresh';

let app: TestApp;
let admin: { cookie: string };
let pipeline: Pipeline;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const post = (url: string, body: unknown, as = admin.cookie) => app.call('POST', url, { as, body });
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;
const tile = (card: Scorecard, measure: string) =>
  card.tiles.find((t) => t.measure === measure) as ScorecardTile;

async function closedDeal(outcome: 'Won' | 'Lost') {
  const id = (await post('/api/v1/deals', { name: outcome, amount: '100', pipelineId: pipeline.id })).json<{
    id: string;
  }>().id;
  const body = { stageId: stage(outcome), ...(outcome === 'Lost' ? { lostReason: 'Price' } : {}) };
  expect((await app.call('PATCH', `/api/v1/deals/${id}`, { as: admin.cookie, body })).status).toBe(200);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  pipeline = (
    await post('/api/v1/pipelines', {
      name: 'Scored',
      enforceCriteria: false,
      stages: [
        { name: 'Open', probability: 10 },
        { name: 'Won', probability: 100 },
        { name: 'Lost', probability: 0 },
      ],
    })
  ).json<Pipeline>();
  await closedDeal('Won');
  await closedDeal('Lost');
});
afterAll(() => app.close());

describe('objectives', () => {
  it('refuses an unknown measure, a rate written as a percentage, a due date before the start, and non-admins', async () => {
    const base = { name: 'Win more', measure: 'winRate', baseline: 0.2, target: 0.6, dueDate: day(10) };
    const unknown = await post('/api/v1/objectives', { ...base, measure: 'happiness' });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: { path: string }[] }>().errors[0].path).toBe('measure');
    const percent = await post('/api/v1/objectives', { ...base, target: 25 });
    expect(percent.status).toBe(400);
    expect(percent.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'target', message: 'is a rate: write it as a fraction from 0 to 1 (0.25 for 25%)' },
    ]);
    const backwards = await post('/api/v1/objectives', { ...base, startDate: day(5), dueDate: day(1) });
    expect(backwards.status).toBe(400);
    const manager = await app.addUser(admin.cookie, 'manager');
    expect((await post('/api/v1/objectives', base, manager.cookie)).status).toBe(403);
    const list = await app.call('GET', '/api/v1/objectives', { as: admin.cookie });
    expect(list.status, list.body).toBe(200);
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('starts at the go-live date unless given one', async () => {
    const settings = await app.call('PATCH', '/api/v1/insights/settings', {
      as: admin.cookie,
      body: { goLive: day(-10) },
    });
    expect(settings.json()).toMatchObject({ goLive: day(-10) });
    const created = await post('/api/v1/objectives', {
      name: 'Lift the win rate',
      measure: 'winRate',
      baseline: 0.2,
      target: 0.6,
      dueDate: day(10),
    });
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toMatchObject({ startDate: day(-10), baseline: 0.2, target: 0.6 });
  });
});

describe('the scorecard', () => {
  it('has a tile per measure with value, trend, objective and status; missing data says so', async () => {
    const answer = await app.call('GET', '/api/v1/insights/scorecard', { as: admin.cookie });
    expect(answer.status).toBe(200);
    const card = answer.json<Scorecard>();
    expect(card.tiles).toHaveLength(21);
    const win = tile(card, 'winRate');
    // Halfway from 0.2 at go-live to 0.6: 0.4 expected today; 1 won of 2 is 0.5.
    expect(win).toMatchObject({
      value: 0.5,
      unit: 'fraction',
      dataAvailable: true,
      status: 'onTrack',
      objective: { name: 'Lift the win rate', baseline: 0.2, target: 0.6, expected: 0.4 },
    });
    expect(win.trend.at(-1)?.value).toBe(0.5);
    expect(win.trend[0].at.slice(0, 10)).toBe(day(-10));
    expect(tile(card, 'forecastAccuracy')).toMatchObject({ value: null, dataAvailable: false, trend: [] });
    expect(tile(card, 'repsLoggingWeekly')).toMatchObject({
      value: null,
      dataAvailable: false,
      reason: 'needs activities logged by users (none has logged one yet)',
    });
    // Every deal here is closed and no account is a customer: nothing to cover yet.
    expect(tile(card, 'activityCoverage')).toMatchObject({ value: null, dataAvailable: true });
    expect(Date.parse(card.asOf)).toBeLessThanOrEqual(Date.now());
  });

  it('turns at risk and off track as the measure falls behind the plan', async () => {
    await closedDeal('Lost'); // 1 of 3: 0.3333, behind 0.4 by 0.0667 = 17% of the planned 0.4
    const card = (await post('/api/v1/insights/scorecard/refresh', {})).json<Scorecard>();
    expect(tile(card, 'winRate')).toMatchObject({ value: 0.3333, status: 'offTrack' });
    await closedDeal('Won');
    await closedDeal('Won');
    await closedDeal('Lost'); // 3 of 6: 0.5
    await closedDeal('Lost');
    await closedDeal('Lost'); // 3 of 8: 0.375, behind by 0.025 = 6% of the planned change
    const later = (await post('/api/v1/insights/scorecard/refresh', {})).json<Scorecard>();
    expect(tile(later, 'winRate')).toMatchObject({ value: 0.375, status: 'atRisk' });
  });

  it('reflects a committed change by itself within a minute', { timeout: 70_000 }, async () => {
    await app.platform.jobs.start();
    await closedDeal('Won'); // 4 of 9
    let value: unknown;
    for (let i = 0; i < 60 && value !== 0.4444; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const card = (
        await app.call('GET', '/api/v1/insights/scorecard', { as: admin.cookie })
      ).json<Scorecard>();
      value = tile(card, 'winRate').value;
    }
    expect(value).toBe(0.4444);
  });

  it('asks for one refresh per workspace for a bulk of contacts, not one queued delivery per change', async () => {
    const other = await app.signup('Bulk Scorecard Co');
    const contacts = Array.from({ length: 600 }, (_, i) => ({ firstName: 'Bulk', lastName: `Person ${i}` }));
    const bulk = await app.call('POST', '/api/v1/contacts/bulk', {
      as: other.cookie,
      body: { create: contacts },
    });
    expect(bulk.status).toBe(200);
    await app.platform.events.dispatch();
    const [{ refreshes, deliveries }] = await app.db.read((x) =>
      rows<{ refreshes: number; deliveries: number }>(
        x,
        sql`SELECT count(*) FILTER (WHERE name = ${scorecardQueue} AND data->>'workspaceId' = ${other.workspaceId})::int AS refreshes,
          count(*) FILTER (WHERE name LIKE 'record-events.%' AND data->>'workspaceId' = ${other.workspaceId})::int AS deliveries
        FROM pgboss.job`,
      ),
    );
    expect(refreshes).toBe(1);
    expect(deliveries).toBe(0);
  });

  it('is for managers and admins', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    expect((await app.call('GET', '/api/v1/insights/scorecard', { as: rep.cookie })).status).toBe(403);
  });
});
