import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { measureValue } from './measures.setup';
import type { Pipeline } from '../../deals/contract';

/*
 * A small sales history, dated by hand (base currency USD; 1 EUR = 1.1 USD from 2026-01-01):
 *   d1 A won  1000 USD  created 2026-01-01 closed 2026-01-11 (10 days)
 *   d2 B won  3000 USD  created 2026-01-01 closed 2026-01-31 (30 days)
 *   d3 A lost  500 USD                     closed 2026-02-01
 *   d4 C won  2000 USD  created 2025-11-01 closed 2025-12-01
 *   d5 B won  4000 USD  created 2025-05-02 closed 2025-06-01
 *   d6 A open  700 USD
 *   d7 A won   100 EUR  created 2026-02-19 closed 2026-03-01 (10 days) = 110.00 USD
 *   d8 D won   500 USD  created 2025-02-01 closed 2025-03-01
 */
let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let pipeline: Pipeline;
const deals = new Map<string, string>();

const post = (url: string, body: unknown) => app.call('POST', url, { as: admin.cookie, body });
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

async function deal(key: string, account: string, amount: string, currency: string, outcome?: string) {
  const created = await post('/api/v1/deals', {
    name: key,
    accountId: account,
    amount,
    currency,
    pipelineId: pipeline.id,
    stageId: stage('Open'),
  });
  expect(created.status).toBe(201);
  const id = created.json<{ id: string }>().id;
  deals.set(key, id);
  if (outcome) {
    const moved = await app.call('PATCH', `/api/v1/deals/${id}`, {
      as: admin.cookie,
      body: { stageId: stage(outcome), ...(outcome === 'Lost' ? { lostReason: 'Price' } : {}) },
    });
    expect(moved.status).toBe(200);
  }
}

const dated = (key: string, createdAt: string, closedAt: string | null) =>
  app.db.write((tx) =>
    tx.execute(
      sql`UPDATE deals SET created_at = ${createdAt}::timestamptz, closed_at = ${closedAt}::timestamptz WHERE id = ${deals.get(key)}`,
    ),
  );

const valueOf = (measure: string, from: string, to: string) =>
  measureValue(app, admin.cookie, measure, from, to);

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const created = await post('/api/v1/pipelines', {
    name: 'Measured',
    enforceCriteria: false,
    stages: [
      { name: 'Open', probability: 10 },
      { name: 'Won', probability: 100 },
      { name: 'Lost', probability: 0 },
    ],
  });
  pipeline = created.json<Pipeline>();
  expect(
    (await post('/api/v1/exchange-rates', { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' })).status,
  ).toBe(201);
  const account = async (name: string) =>
    (await post('/api/v1/accounts', { name })).json<{ id: string }>().id;
  const [a, b, c, d] = [await account('A'), await account('B'), await account('C'), await account('D')];
  await deal('d1', a, '1000', 'USD', 'Won');
  await deal('d2', b, '3000', 'USD', 'Won');
  await deal('d3', a, '500', 'USD', 'Lost');
  await deal('d4', c, '2000', 'USD', 'Won');
  await deal('d5', b, '4000', 'USD', 'Won');
  await deal('d6', a, '700', 'USD');
  await deal('d7', a, '100', 'EUR', 'Won');
  await deal('d8', d, '500', 'USD', 'Won');
  await dated('d1', '2026-01-01', '2026-01-11');
  await dated('d2', '2026-01-01', '2026-01-31');
  await dated('d3', '2026-01-01', '2026-02-01');
  await dated('d4', '2025-11-01', '2025-12-01');
  await dated('d5', '2025-05-02', '2025-06-01');
  await dated('d7', '2026-02-19', '2026-03-01');
  await dated('d8', '2025-02-01', '2025-03-01');
});
afterAll(() => app.close());

describe('measures over the first quarter of 2026 (90 days)', () => {
  it('win rate: 3 won of 4 closed', async () => {
    expect(await valueOf('winRate', '2026-01-01', '2026-04-01')).toBe(0.75);
  });
  it('average deal size: (1000 + 3000 + 110) / 3 in the base currency', async () => {
    expect(await valueOf('averageDealSize', '2026-01-01', '2026-04-01')).toBe('1370.00');
  });
  it('sales cycle: median of 10, 10 and 30 days is 10; the 80th percentile is 22', async () => {
    expect(await valueOf('salesCycleMedianDays', '2026-01-01', '2026-04-01')).toBe(10);
    expect(await valueOf('salesCycleP80Days', '2026-01-01', '2026-04-01')).toBe(22);
  });
});

describe('measures whose data this workspace does not have yet', () => {
  it('say so plainly, with no figure', async () => {
    const list = await app.call('GET', '/api/v1/insights/measures', { as: admin.cookie });
    const byId = new Map(
      list
        .json<{ data: { id: string; dataAvailable: boolean; reason?: string }[] }>()
        .data.map((m) => [m.id, m]),
    );
    expect(byId.get('forecastAccuracy')).toMatchObject({
      dataAvailable: false,
      reason: 'needs the weekly forecast snapshots of a quarter (the forecast job takes one every Monday)',
    });
    expect(byId.get('repsLoggingWeekly')).toMatchObject({
      dataAvailable: false,
      reason: 'needs activities logged by users (none has logged one yet)',
    });
    expect([...byId.values()].filter((m) => !m.dataAvailable).map((m) => m.id)).toEqual([
      'forecastAccuracy',
      'repsLoggingWeekly',
    ]);
    expect(byId.get('winRate')).toMatchObject({
      dataAvailable: true,
      unit: 'fraction',
      direction: 'higherIsBetter',
    });
    const refused = await app.call(
      'GET',
      '/api/v1/insights/measures/forecastAccuracy/value?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z',
      { as: admin.cookie },
    );
    expect(refused.status).toBe(400);
  });
});
