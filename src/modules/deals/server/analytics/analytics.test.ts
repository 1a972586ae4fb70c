import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../server/testing';
import type { BoardTotals, Pipeline } from '../../contract';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let ann: { userId: string };
let ben: { userId: string };
let pipeline: Pipeline;
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);
const range = `from=2026-01-01&to=${today}`;

const call = (method: string, url: string, body?: unknown) =>
  app.call(method, url, { as: admin.cookie, body });
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;
type Stay = [stage: string, entered: string, left: string | null];

/** A deal walked through its stages by the API; the fixture then sets the days each stay stands for. */
async function deal(key: string, body: Record<string, unknown>, stays: Stay[]) {
  const created = await call('POST', '/api/v1/deals', {
    name: key,
    pipelineId: pipeline.id,
    stageId: stage(stays[0][0]),
    ...body,
  });
  expect(created.status, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  ids[key] = id;
  for (const [name] of stays.slice(1)) {
    const moved = await call('PATCH', `/api/v1/deals/${id}`, {
      stageId: stage(name),
      ...(name === 'Lost' ? { lostReason: 'Price' } : {}),
    });
    expect(moved.status, moved.body).toBe(200);
  }
  const last = stays[stays.length - 1];
  const closed = last[0] === 'Won' || last[0] === 'Lost' ? last[1] : null;
  const ws = admin.workspaceId;
  await app.db.write(async (tx) => {
    for (const [name, entered, left] of stays)
      await tx.execute(sql`UPDATE deal_stage_history SET entered_at = ${entered}::timestamptz, left_at = ${left}::timestamptz
        WHERE workspace_id = ${ws} AND deal_id = ${id} AND stage_id = ${stage(name)}`);
    await tx.execute(sql`UPDATE deals SET created_at = ${stays[0][1]}::timestamptz, closed_at = ${closed}::timestamptz
      WHERE workspace_id = ${ws} AND id = ${id}`);
  });
}

const own = (u: { userId: string }, amount: string, source = 'website', currency = 'USD') => ({
  ownerId: u.userId,
  amount,
  source,
  currency,
});

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  ann = await app.addUser(admin.cookie, 'rep');
  ben = await app.addUser(admin.cookie, 'rep');
  pipeline = (
    await call('POST', '/api/v1/pipelines', {
      name: 'Analysed',
      stages: [
        { name: 'Talk', probability: 10 },
        { name: 'Trial', probability: 50 },
        { name: 'Won', probability: 100 },
        { name: 'Lost', probability: 0 },
      ],
    })
  ).json<Pipeline>();
  await call('POST', '/api/v1/exchange-rates', { currency: 'EUR', rate: '1.5', validFrom: '2026-01-01' });
  await deal('A1', own(ann, '2000', 'website'), [
    ['Talk', '2026-10-01', '2026-10-05'],
    ['Trial', '2026-10-05', '2026-10-11'],
    ['Won', '2026-10-11', null],
  ]);
  await deal('A2', own(ann, '500', 'outbound'), [
    ['Talk', '2026-10-01', '2026-10-21'],
    ['Lost', '2026-10-21', null],
  ]);
  await deal('B1', own(ben, '20000', 'website'), [
    ['Talk', '2026-09-01', '2026-09-11'],
    ['Trial', '2026-09-11', '2026-11-01'],
    ['Won', '2026-11-01', null],
  ]);
  await deal('B2', { ...own(ben, '100', 'inbound', 'EUR'), closeDate: '2026-12-10' }, [
    ['Talk', '2026-10-01', '2026-10-02'],
    ['Trial', '2026-10-02', null],
  ]);
  await deal('B3', own(ben, '300', 'inbound'), [['Talk', '2026-10-01', null]]);
  expect((await call('PATCH', `/api/v1/deals/${ids.B2}`, { closeDate: '2027-01-15' })).status).toBe(200);
  await call('PATCH', `/api/v1/deals/${ids.B3}`, { nextStep: 'Call back' });
  await app.db.write((tx) =>
    tx.execute(
      sql`UPDATE deals SET updated_at = now() - interval '40 days' WHERE workspace_id = ${admin.workspaceId} AND id = ${ids.B3}`,
    ),
  );
});
afterAll(() => app.close());

const get = async <T>(path: string) => {
  const answer = await call('GET', `/api/v1/deals/analytics/${path}`);
  expect(answer.status, answer.body).toBe(200);
  return answer.json<T>();
};
type WinRates = {
  data: {
    key: string | null;
    name: string;
    won: number;
    lost: number;
    winRate: number | null;
    wonAmount: string;
  }[];
};
const table = (w: WinRates) => w.data.map((r) => [r.name, r.won, r.lost, r.winRate, r.wonAmount]);

describe('pipeline analytics', () => {
  it('answers win rates by owner, source, size band and stage reached', async () => {
    const byOwner = await get<WinRates>(`win-rates?${range}&by=owner`);
    expect(new Map(byOwner.data.map((r) => [r.key, [r.won, r.lost, r.winRate, r.wonAmount]]))).toEqual(
      new Map([
        [ann.userId, [1, 1, 0.5, '2000.00']],
        [ben.userId, [1, 0, 1, '20000.00']],
      ]),
    );
    expect(table(await get<WinRates>(`win-rates?${range}&by=source`))).toEqual([
      ['outbound', 0, 1, 0, '0.00'],
      ['website', 2, 0, 1, '22000.00'],
    ]);
    expect(table(await get<WinRates>(`win-rates?${range}&by=sizeBand`))).toEqual([
      ['0 to 1,000', 0, 1, 0, '0.00'],
      ['1,000 to 10,000', 1, 0, 1, '2000.00'],
      ['10,000 to 50,000', 1, 0, 1, '20000.00'],
    ]);
    const reached = await get<WinRates>(`win-rates?${range}&by=stageReached&pipelineId=${pipeline.id}`);
    expect(new Map(reached.data.map((r) => [r.name, [r.won, r.lost]]))).toEqual(
      new Map([
        ['Analysed: Talk', [2, 1]],
        ['Analysed: Trial', [2, 0]],
        ['Analysed: Won', [2, 0]],
        ['Analysed: Lost', [0, 1]],
      ]),
    );
  });

  it('sums up deal size, cycle, open pipeline and sales velocity', async () => {
    expect(await get(`summary?${range}&pipelineId=${pipeline.id}`)).toEqual({
      from: '2026-01-01',
      to: today,
      won: 2,
      lost: 1,
      winRate: 0.6667,
      averageDealSize: '11000.00',
      averageCycleDays: 35.5,
      openDeals: 2,
      openPipeline: '450.00',
      // 2 open × 2/3 won × 11,000 ÷ 35.5 days
      salesVelocityPerDay: '413.15',
    });
  });

  it('draws the funnel, the cycle-time distribution and the time in each stage', async () => {
    const f = await get<{ stages: { name: string; reached: number; conversion: number | null }[] }>(
      `funnel?${range}&pipelineId=${pipeline.id}`,
    );
    expect(f.stages.map((s) => [s.name, s.reached, s.conversion])).toEqual([
      ['Talk', 5, null],
      ['Trial', 3, 0.6],
      ['Won', 2, 0.6667],
    ]);
    const cycle = await get<{
      buckets: { label: string; deals: number }[];
      medianDays: number;
      p90Days: number;
    }>(`cycle-time?${range}`);
    expect(cycle.buckets.filter((b) => b.deals).map((b) => [b.label, b.deals])).toEqual([
      ['0–14 days', 1],
      ['61–90 days', 1],
    ]);
    expect([cycle.buckets.length, cycle.medianDays, cycle.p90Days]).toEqual([7, 10, 61]);
    const stay = await get<{ stages: unknown[] }>(`time-in-stage?${range}&pipelineId=${pipeline.id}`);
    expect(stay.stages).toEqual([
      { stageId: stage('Talk'), name: 'Talk', entries: 4, averageDays: 8.8, medianDays: 7 },
      { stageId: stage('Trial'), name: 'Trial', entries: 2, averageDays: 28.5, medianDays: 28.5 },
    ]);
  });

  it('lists stale and slipped deals with their owners', async () => {
    const a = await get<{ stale: Record<string, unknown>[]; slipped: Record<string, unknown>[] }>(
      `stale-slipped?${range}`,
    );
    expect(a.stale.map((d) => [d.name, d.ownerId, d.idleDays])).toEqual([['B3', ben.userId, 40]]);
    expect(
      a.slipped.map((d) => [d.name, d.ownerId, d.previousCloseDate, d.closeDate, d.amount, d.currency]),
    ).toEqual([['B2', ben.userId, '2026-12-10', '2027-01-15', '100.00', 'EUR']]);
  });

  it('totals the board’s columns in the base currency, with its filters', async () => {
    const board = await call('GET', `/api/v1/pipelines/${pipeline.id}/board-totals`);
    expect(board.status, board.body).toBe(200);
    const columns = (b: typeof board) =>
      b.json<BoardTotals>().columns.map((c) => [c.stageId, c.count, c.amount, c.weighted, c.unconverted]);
    // Trial: 100 EUR at 1.5 (weighted 50%); Talk: 300 USD (10%).
    expect(columns(board)).toEqual([
      [stage('Talk'), 1, '300.00', '30.00', 0],
      [stage('Trial'), 1, '150.00', '75.00', 0],
      [stage('Won'), 2, '22000.00', '22000.00', 0],
      [stage('Lost'), 1, '500.00', '0.00', 0],
    ]);
    const anns = await call(
      'GET',
      `/api/v1/pipelines/${pipeline.id}/board-totals?ownerId=${ann.userId}&minAmount=1000`,
    );
    expect(columns(anns).filter((c) => c[1])).toEqual([[stage('Won'), 1, '2000.00', '2000.00', 0]]);
    const bad = await call(
      'GET',
      `/api/v1/pipelines/${pipeline.id}/board-totals?minAmount=-1&closeFrom=soon`,
    );
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['closeFrom', 'minAmount']);
    const unknown = await call('GET', '/api/v1/pipelines/0190a1b2-0000-7000-8000-000000000000/board-totals');
    expect(unknown.status).toBe(404);
  });

  it('counts an activity linked to a deal as a touch, so the deal is not stale', async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const logged = async (key: string, body: Record<string, unknown>) => {
      const r = await call('POST', '/api/v1/activities', {
        subject: 'Check-in',
        ...body,
        links: [{ object: 'deals', id: ids[key] }],
      });
      expect(r.status, r.body).toBe(201);
    };
    const idle = async (key: string, days: number) =>
      app.db.write((tx) =>
        tx.execute(
          sql`UPDATE deals SET updated_at = now() - make_interval(days => ${days}::int) WHERE workspace_id = ${admin.workspaceId} AND id = ${ids[key]}`,
        ),
      );
    await deal('B4', own(ben, '100'), [['Talk', '2026-10-01', null]]);
    await deal('B5', own(ben, '100'), [['Talk', '2026-10-01', null]]);
    // B4: a call two days ago. B5: a call 45 days ago. B3: a call 50 days ago and a task due next week.
    await logged('B4', { type: 'call', occurredAt: daysAgo(2) });
    await logged('B5', { type: 'call', occurredAt: daysAgo(45) });
    await logged('B3', { type: 'call', occurredAt: daysAgo(50) });
    await logged('B3', { type: 'task', dueAt: daysAgo(-7) });
    await idle('B4', 40);
    await idle('B5', 60);
    await idle('B3', 40);
    const a = await get<{ stale: Record<string, unknown>[] }>(`stale-slipped?${range}`);
    expect(a.stale.map((d) => [d.name, d.idleDays])).toEqual([
      ['B5', 45],
      ['B3', 40],
    ]);
  });

  it('filters the board’s totals by team: deals whose owner is in it', async () => {
    const north = (await call('POST', '/api/v1/teams', { name: 'North' })).json<{ id: string }>().id;
    const cara = await app.addUser(admin.cookie, 'rep', north);
    await deal('C1', { ...own(cara, '700'), closeDate: '2026-12-20' }, [['Talk', '2026-11-01', null]]);
    const columns = async (query: string) => {
      const r = await call('GET', `/api/v1/pipelines/${pipeline.id}/board-totals${query}`);
      expect(r.status, r.body).toBe(200);
      return r.json<BoardTotals>().columns.map((c) => [c.count, c.amount, c.weighted]);
    };
    const only = [
      [1, '700.00', '70.00'],
      [0, '0.00', '0.00'],
      [0, '0.00', '0.00'],
      [0, '0.00', '0.00'],
    ];
    expect(await columns(`?teamId=${north}`)).toEqual(only);
    expect(await columns(`?teamId=${north}&closeFrom=2026-12-01`)).toEqual(only);
    expect((await columns(''))[0][0]).toBe(4);
    const bad = await call('GET', `/api/v1/pipelines/${pipeline.id}/board-totals?teamId=north`);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['teamId']);
    // The board's cards: the engine's filter on the owner's team.
    const listed = async (value: string) =>
      call('POST', '/api/v1/deals/query', { filter: { field: 'ownerId.teamId', op: 'eq', value } });
    expect((await listed(north)).json<{ data: { name: string }[] }>().data.map((d) => d.name)).toEqual([
      'C1',
    ]);
    expect((await listed('north')).status).toBe(400);
  });

  it('refuses bad ranges, groupings and pipelines', async () => {
    const paths = async (query: string) =>
      (await call('GET', `/api/v1/deals/analytics/${query}`))
        .json<{ errors?: { path: string }[] }>()
        .errors?.map((e) => e.path);
    expect(await paths('win-rates?by=colour')).toEqual(['by']);
    expect(await paths('summary?from=2026-13-01')).toEqual(['from']);
    expect(await paths('summary?from=2026-05-01&to=2026-04-01')).toEqual(['to']);
    expect(await paths('funnel?pipelineId=nope')).toEqual(['pipelineId']);
    expect(
      (await call('GET', '/api/v1/deals/analytics/funnel?pipelineId=0190a1b2-0000-7000-8000-000000000000'))
        .status,
    ).toBe(404);
  });
});
