import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../../server/db/database';
import { createTestApp, type TestApp } from '../../../../server/testing';
import type { Pipeline, StatisticalForecast } from '../../contract';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let pipeline: Pipeline;

const call = (method: string, url: string, body?: unknown) =>
  app.call(method, url, { as: admin.cookie, body });
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

/** A deal that entered Trial on `entered` and, when `closed` is given, was won or lost that day. */
async function history(amount: string, entered: string, closed?: { on: string; won: boolean }) {
  const created = await call('POST', '/api/v1/deals', {
    name: `Trial since ${entered}`,
    amount,
    pipelineId: pipeline.id,
    stageId: stage('Trial'),
  });
  const deal = created.json<{ id: string }>();
  if (closed) {
    const moved = await call('PATCH', `/api/v1/deals/${deal.id}`, {
      stageId: stage(closed.won ? 'Won' : 'Lost'),
      ...(closed.won ? {} : { lostReason: 'Budget' }),
    });
    expect(moved.status, moved.body).toBe(200);
  }
  // Stage history is written by the app at the time of the call; the fixture sets the days it stands for.
  const ws = admin.workspaceId;
  await app.db.write(async (tx) => {
    await tx.execute(sql`UPDATE deals SET created_at = ${entered}::timestamptz, closed_at = ${closed?.on ?? null}::timestamptz
      WHERE workspace_id = ${ws} AND id = ${deal.id}`);
    await tx.execute(sql`UPDATE deal_stage_history SET entered_at = ${entered}::timestamptz, left_at = ${closed?.on ?? null}::timestamptz
      WHERE workspace_id = ${ws} AND deal_id = ${deal.id} AND stage_id = ${stage('Trial')}`);
    await tx.execute(sql`UPDATE deal_stage_history SET entered_at = ${closed?.on ?? null}::timestamptz
      WHERE workspace_id = ${ws} AND deal_id = ${deal.id} AND stage_id <> ${stage('Trial')}`);
  });
}

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  admin = await app.signup();
  pipeline = (
    await call('POST', '/api/v1/pipelines', {
      name: 'Odds',
      stages: [
        { name: 'Talk', probability: 10 },
        { name: 'Trial', probability: 50 },
        { name: 'Won', probability: 100 },
        { name: 'Lost', probability: 0 },
      ],
    })
  ).json<Pipeline>();
  // Before 2026-07-01: from Trial, won after 10 and 40 days, lost after 20 and 90.
  await history('100', '2026-03-01', { on: '2026-03-11', won: true });
  await history('100', '2026-03-01', { on: '2026-04-10', won: true });
  await history('100', '2026-03-01', { on: '2026-03-21', won: false });
  await history('100', '2026-02-01', { on: '2026-05-02', won: false });
  // Open on 2026-07-01: one 10 days in Trial (won 2026-08-01, 41 days in), one entering it that day (lost later).
  await history('1000', '2026-06-21', { on: '2026-08-01', won: true });
  await history('2000', '2026-07-01', { on: '2026-09-01', won: false });
  // Open today.
  await history('500', new Date().toISOString().slice(0, 10));
});
afterAll(() => app.close());

describe('statistical forecast', () => {
  it('backtests a past quarter from the history known on its first day', async () => {
    const answer = await call('GET', '/api/v1/forecast/statistical?period=2026-Q4&backtest=1');
    expect(answer.status, answer.body).toBe(200);
    const [q3] = answer.json<StatisticalForecast>().backtest;
    // Both open deals: won with days in [10, 102) resp. [0, 92) = 2 (10 and 40) of 4 closed with days ≥ 10 resp. ≥ 0.
    // Expected 0.5 × 1000 + 0.5 × 2000; σ = √(0.25 × 1000² + 0.25 × 2000²) = 1118.03; ±1.2816 σ.
    expect(q3).toEqual({
      period: '2026-Q3',
      asOf: '2026-07-01T00:00:00.000Z',
      closedWon: '0.00',
      expected: '1500.00',
      low: '67.18',
      high: '2932.82',
      openDeals: 2,
      actual: '1000.00',
    });
  });

  it('gives each stage its conversion and time to close, and counts today’s open deals', async () => {
    const f = (await call('GET', '/api/v1/forecast/statistical?period=2026-Q4')).json<StatisticalForecast>();
    expect(f.backtest).toEqual([]);
    expect(f.openDeals).toBe(1);
    expect(f.currency).toBe('USD');
    expect(f.pipelines).toEqual([
      {
        pipelineId: pipeline.id,
        stages: [{ stageId: stage('Trial'), closed: 6, won: 3, winRate: 0.5, medianDaysToWon: 40 }],
      },
    ]);
    expect(Number(f.low)).toBeLessThanOrEqual(Number(f.expected));
    expect(Number(f.high)).toBeLessThanOrEqual(500);
  });

  it('keeps the day’s stage histograms, and builds them again in the background once a deal closes', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const closed = async () =>
      (await call('GET', '/api/v1/forecast/statistical?period=2026-Q4'))
        .json<StatisticalForecast>()
        .pipelines[0].stages.map((s) => s.closed);
    const builtAt = async () =>
      (
        await app.db.read((x) =>
          rows<{ at: string }>(
            x,
            sql`SELECT computed_at::text AS at FROM forecast_histograms
              WHERE workspace_id = ${admin.workspaceId} AND day = ${today}::date`,
          ),
        )
      ).map((r) => r.at);
    expect(await closed()).toEqual([6]);
    const first = await builtAt();
    expect(first).toHaveLength(1);
    expect(await closed()).toEqual([6]);
    expect(await builtAt()).toEqual(first);
    // A deal won today: the kept histograms answer at once while a job builds them again for the next answer.
    await history('100', '2026-10-01', { on: today, won: true });
    expect(await closed()).toEqual([6]);
    const until = Date.now() + 20_000;
    let now = await closed();
    while (now[0] !== 7 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      now = await closed();
    }
    expect(now).toEqual([7]);
    expect(await builtAt()).not.toEqual(first);
  });

  it('refuses a bad period or backtest', async () => {
    expect((await call('GET', '/api/v1/forecast/statistical?period=Q4')).status).toBe(400);
    const bad = await call('GET', '/api/v1/forecast/statistical?period=2026-Q4&backtest=20');
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['backtest']);
  });
});
