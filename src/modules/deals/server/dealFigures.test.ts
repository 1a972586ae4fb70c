import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { BoardTotals, Pipeline } from '../contract';

/**
 * Figures over deals follow field-level access: a sum of a field an admin hid from a role is hidden
 * from that role too. Oracle: the rep sees the figures until the admin hides the field; then money
 * built from it is null (or the endpoint, all money, answers 403), while counts and rates stay.
 */

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let rep: { cookie: string; userId: string };
let pipeline: Pipeline;
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);

const call = (method: string, url: string, as: string, body?: unknown) => app.call(method, url, { as, body });
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

async function setAccess(field: string, level: 'hidden' | 'edit') {
  const r = await call('PATCH', `/api/v1/metadata/objects/deals/fields/${field}`, admin.cookie, {
    access: { rep: level },
  });
  expect(r.status, r.body).toBe(200);
}

const board = async (as: string) => {
  const r = await call('GET', `/api/v1/pipelines/${pipeline.id}/board-totals`, as);
  expect(r.status, r.body).toBe(200);
  return r.json<BoardTotals>().columns.map((c) => [c.count, c.amount, c.weighted, c.unconverted]);
};
const get = async <T>(path: string, as = rep.cookie) => {
  const r = await call('GET', `/api/v1/${path}`, as);
  expect(r.status, r.body).toBe(200);
  return r.json<T>();
};
const refusal = async (path: string) => {
  const r = await call('GET', `/api/v1/${path}`, rep.cookie);
  return [r.status, r.json<{ detail: string }>().detail];
};
/** The account rollups over deals' base-currency amounts that the rep's metadata lists. */
const accountRollupsSeen = async () => {
  const objects = await get<{ data: { name: string; fields: { name: string }[] }[] }>('metadata/objects');
  const fields = objects.data.find((o) => o.name === 'accounts')!.fields.map((f) => f.name);
  return ['openPipeline', 'wonRevenue'].filter((f) => fields.includes(f));
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Hidden amounts');
  rep = await app.addUser(admin.cookie, 'rep');
  pipeline = (
    await call('POST', '/api/v1/pipelines', admin.cookie, {
      name: 'Guarded',
      stages: [
        { name: 'Talk', probability: 10 },
        { name: 'Won', probability: 100 },
        { name: 'Lost', probability: 0 },
      ],
    })
  ).json<Pipeline>();
  for (const [name, amount, stageName] of [
    ['Won one', '1000', 'Won'],
    ['Open one', '400', 'Talk'],
  ]) {
    const r = await call('POST', '/api/v1/deals', admin.cookie, {
      name,
      amount,
      closeDate: today,
      pipelineId: pipeline.id,
      stageId: stage(stageName),
      ownerId: rep.userId,
    });
    expect(r.status, r.body).toBe(201);
    ids[name] = r.json<{ id: string }>().id;
  }
  await app.db.write((tx) =>
    tx.execute(
      sql`UPDATE deals SET updated_at = now() - interval '40 days' WHERE workspace_id = ${admin.workspaceId} AND id = ${ids['Open one']}`,
    ),
  );
});
afterAll(() => app.close());

type Summary = { won: number; openDeals: number; winRate: number; openPipeline: string | null };
type Statistical = {
  closedWon: string | null;
  expected: string | null;
  low: string | null;
  high: string | null;
  openDeals: number;
};
type Forecast = { totals: { closedWon: string; weighted: string | null } };

describe('deal figures under field-level access', () => {
  it('answers the rep every figure while the amount is visible', async () => {
    expect(await accountRollupsSeen()).toEqual(['openPipeline', 'wonRevenue']);
    expect(await board(rep.cookie)).toEqual([
      [1, '400.00', '40.00', 0],
      [1, '1000.00', '1000.00', 0],
      [0, '0.00', '0.00', 0],
    ]);
    const summary = await get<Summary>('deals/analytics/summary');
    expect([summary.won, summary.openDeals, summary.openPipeline]).toEqual([1, 1, '400.00']);
    const f = await get<Forecast>(`forecast?period=${month}`);
    expect([f.totals.closedWon, f.totals.weighted]).toEqual(['1000.00', '40.00']);
  });

  it('hides every sum of a hidden amount from the rep, and keeps the counts', async () => {
    await setAccess('amount', 'hidden');
    const deal = await get<Record<string, unknown>>(`deals/${ids['Open one']}`);
    expect(['amount', 'amountInBase', 'weightedAmount'].filter((f) => f in deal)).toEqual([]);
    expect(await accountRollupsSeen()).toEqual([]);

    expect(await board(rep.cookie)).toEqual([
      [1, null, null, null],
      [1, null, null, null],
      [0, null, null, null],
    ]);
    const filtered = await call(
      'GET',
      `/api/v1/pipelines/${pipeline.id}/board-totals?minAmount=1`,
      rep.cookie,
    );
    expect(filtered.status).toBe(400);
    expect(filtered.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['minAmount']);

    const hiddenForecast = 'Deal amounts are hidden from your role: the forecast would reveal them.';
    expect(await refusal(`forecast?period=${month}`)).toEqual([403, hiddenForecast]);
    expect(await refusal(`forecast/accuracy?period=${month}`)).toEqual([403, hiddenForecast]);

    const s = await get<Statistical>(`forecast/statistical?period=${month}`);
    expect([s.closedWon, s.expected, s.low, s.high, s.openDeals]).toEqual([null, null, null, null, 1]);

    expect(await get('deals/analytics/summary')).toMatchObject({
      won: 1,
      lost: 0,
      winRate: 1,
      openDeals: 1,
      averageDealSize: null,
      openPipeline: null,
      salesVelocityPerDay: null,
    });
    const rates = await get<{ data: Record<string, unknown>[] }>('deals/analytics/win-rates?by=owner');
    expect(rates.data.map((r) => [r.key, r.won, r.lost, r.winRate, r.wonAmount])).toEqual([
      [rep.userId, 1, 0, 1, null],
    ]);
    expect(await refusal('deals/analytics/win-rates?by=sizeBand')).toEqual([
      403,
      'Deal amounts are hidden from your role: win rates by deal size would reveal them.',
    ]);
    const attention = await get<{ stale: Record<string, unknown>[] }>('deals/analytics/stale-slipped');
    expect(attention.stale.map((d) => [d.name, d.amount, d.currency])).toEqual([['Open one', null, 'USD']]);

    // The admin, from whom nothing is hidden, still sees the sums.
    expect((await board(admin.cookie))[0]).toEqual([1, '400.00', '40.00', 0]);
    await setAccess('amount', 'edit');
  });

  it('hides weighted sums where the probability is hidden, and the forecast where its categories are', async () => {
    await setAccess('probability', 'hidden');
    expect(await board(rep.cookie)).toEqual([
      [1, '400.00', null, 0],
      [1, '1000.00', null, 0],
      [0, '0.00', null, 0],
    ]);
    const f = await get<Forecast>(`forecast?period=${month}`);
    expect([f.totals.closedWon, f.totals.weighted]).toEqual(['1000.00', null]);
    await setAccess('probability', 'edit');

    await setAccess('forecastCategory', 'hidden');
    expect(await refusal(`forecast?period=${month}`)).toEqual([
      403,
      'Forecast categories are hidden from your role: the forecast would reveal them.',
    ]);
    expect((await get<Summary>('deals/analytics/summary')).openPipeline).toBe('400.00');
    await setAccess('forecastCategory', 'edit');
    expect((await get<Forecast>(`forecast?period=${month}`)).totals.weighted).toBe('40.00');
  });
});
