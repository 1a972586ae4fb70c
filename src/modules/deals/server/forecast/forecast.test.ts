import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../server/testing';
import type { Forecast, ForecastAccuracy, Pipeline } from '../../contract';
import { snapshotWorkspace } from './snapshotJob';

let app: TestApp;
let admin: { cookie: string; workspaceId: string; userId: string };
let ann: { cookie: string; userId: string };
let ben: { cookie: string; userId: string };
let north: string;
let pipeline: Pipeline;

const call = (method: string, url: string, body?: unknown, as = admin.cookie) =>
  app.call(method, url, { as, body });
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

async function deal(ownerId: string, amount: string, currency: string, closeDate: string, stageName: string) {
  const created = await call('POST', '/api/v1/deals', {
    name: `${stageName} ${amount} ${currency}`,
    ownerId,
    amount,
    currency,
    closeDate,
    pipelineId: pipeline.id,
    stageId: stage(stageName),
    ...(stageName === 'Lost' ? { lostReason: 'Price' } : {}),
  });
  expect(created.status, created.body).toBe(201);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const team = await call('POST', '/api/v1/teams', { name: 'North' });
  north = team.json<{ id: string }>().id;
  ann = await app.addUser(admin.cookie, 'rep', north);
  ben = await app.addUser(admin.cookie, 'manager', north);
  const created = await call('POST', '/api/v1/pipelines', {
    name: 'Forecasting',
    enforceCriteria: false,
    stages: [
      { name: 'Talk', probability: 10 },
      { name: 'Trial', probability: 50 },
      { name: 'Contract', probability: 80 },
      { name: 'Won', probability: 100 },
      { name: 'Lost', probability: 0 },
    ],
  });
  pipeline = created.json<Pipeline>();
  await call('POST', '/api/v1/exchange-rates', { currency: 'EUR', rate: '1.10', validFrom: '2026-01-01' });
  await call('POST', '/api/v1/exchange-rates', { currency: 'EUR', rate: '1.20', validFrom: '2026-11-01' });
  await deal(ann.userId, '1000', 'USD', '2026-10-15', 'Won');
  await deal(ann.userId, '500', 'EUR', '2026-11-10', 'Contract');
  await deal(ann.userId, '300', 'USD', '2026-12-01', 'Trial');
  await deal(ben.userId, '200', 'EUR', '2026-10-01', 'Talk');
  await deal(ben.userId, '999', 'USD', '2027-01-05', 'Talk');
  await deal(ben.userId, '700', 'USD', '2026-12-20', 'Lost');
  expect(
    (await call('POST', '/api/v1/quotas', { period: '2026-Q4', ownerId: ann.userId, amount: '5000' })).status,
  ).toBe(201);
  await call('POST', '/api/v1/quotas', { period: '2026-10', ownerId: ben.userId, amount: 1000 });
  await call('POST', '/api/v1/quotas', { period: '2026-11', ownerId: ben.userId, amount: '1000.00' });
});
afterAll(() => app.close());

const figures = (r: Record<string, unknown>) => [
  r.quota,
  r.closedWon,
  r.commit,
  r.bestCase,
  r.pipeline,
  r.weighted,
];

describe('forecast rollup', () => {
  it('sums each owner’s deals of the quarter by category, cumulatively, at the close day’s rate', async () => {
    const answer = await call('GET', '/api/v1/forecast?period=2026-Q4&groupBy=owner');
    expect(answer.status, answer.body).toBe(200);
    const f = answer.json<Forecast>();
    expect([f.period, f.start, f.end, f.currency, f.unconvertedDeals]).toEqual([
      '2026-Q4',
      '2026-10-01',
      '2027-01-01',
      'USD',
      0,
    ]);
    const byKey = new Map(f.rows.map((r) => [r.key, r]));
    // Ann: won 1000; commit 500 EUR × 1.20 = 600; best case 300; weighted 400 EUR × 1.20 + 150.
    expect(figures(byKey.get(ann.userId)!)).toEqual([
      '5000.00',
      '1000.00',
      '1600.00',
      '1900.00',
      '900.00',
      '630.00',
    ]);
    // Ben: 200 EUR × 1.10 (October's rate) in pipeline; his quota is his two months' quotas; lost and next-year deals count nowhere.
    expect(figures(byKey.get(ben.userId)!)).toEqual(['2000.00', '0.00', '0.00', '0.00', '220.00', '22.00']);
    expect(byKey.get(ben.userId)!.teamId).toBe(north);
    expect(f.rows).toHaveLength(2);
    expect(figures(f.totals)).toEqual(['7000.00', '1000.00', '1600.00', '1900.00', '1120.00', '652.00']);
  });

  it('rolls owners up into their team, with its managers, and takes a month on its own', async () => {
    const teams = (await call('GET', '/api/v1/forecast?period=2026-q4&groupBy=team')).json<Forecast>();
    expect(teams.rows.map((r) => [r.key, r.name, ...figures(r)])).toEqual([
      [north, 'North', '7000.00', '1000.00', '1600.00', '1900.00', '1120.00', '652.00'],
    ]);
    expect(teams.rows[0].managers).toEqual([{ id: ben.userId, name: expect.any(String) }]);
    await call('POST', '/api/v1/quotas', { period: '2026-Q4', teamId: north, amount: '9000' });
    const again = (await call('GET', '/api/v1/forecast?period=2026-Q4&groupBy=team')).json<Forecast>();
    expect(again.rows[0].quota).toBe('9000.00');
    const november = (await call('GET', '/api/v1/forecast?period=2026-11')).json<Forecast>();
    expect([november.start, november.end]).toEqual(['2026-11-01', '2026-12-01']);
    expect(figures(november.totals)).toEqual(['1000.00', '0.00', '600.00', '600.00', '600.00', '480.00']);
  });

  it('shifts quarters by the fiscal year start month', async () => {
    expect((await call('PUT', '/api/v1/forecast/settings', { fiscalYearStartMonth: 2 })).status).toBe(200);
    const f = (await call('GET', '/api/v1/forecast?period=2026-Q4')).json<Forecast>();
    expect([f.start, f.end]).toEqual(['2026-11-01', '2027-02-01']);
    // November to January: Ann's commit and best case, Ben's next-year deal; not October's.
    expect(figures(f.totals).slice(1)).toEqual(['0.00', '600.00', '900.00', '1899.00', '729.90']);
    await call('PUT', '/api/v1/forecast/settings', { fiscalYearStartMonth: 1 });
  });

  it('answers only the deals the caller may see', async () => {
    const f = (await call('GET', '/api/v1/forecast?period=2026-Q4', undefined, ann.cookie)).json<Forecast>();
    expect(f.totals.pipeline).toBe('1120.00');
    const other = await app.addUser(admin.cookie, 'rep');
    const none = (
      await call('GET', '/api/v1/forecast?period=2026-Q4', undefined, other.cookie)
    ).json<Forecast>();
    expect(none.totals.pipeline).toBe('0.00');
  });
});

describe('adjustments', () => {
  it('records a manager’s figure with who and why, beside the computed one', async () => {
    const made = await call(
      'POST',
      '/api/v1/forecast/adjustments',
      { period: '2026-Q4', key: ann.userId, amount: '1800', reason: 'Acme signs in December' },
      ben.cookie,
    );
    expect(made.status, made.body).toBe(201);
    const f = (await call('GET', '/api/v1/forecast?period=2026-Q4')).json<Forecast>();
    const row = f.rows.find((r) => r.key === ann.userId)!;
    expect(row.commit).toBe('1600.00');
    expect(row.adjustments.map((a) => [a.category, a.amount, a.reason, a.by.id])).toEqual([
      ['commit', '1800.00', 'Acme signs in December', ben.userId],
    ]);
  });

  it('refuses reps, unknown rows and a missing reason', async () => {
    const body = { period: '2026-Q4', key: ann.userId, amount: '1', reason: 'x' };
    expect((await call('POST', '/api/v1/forecast/adjustments', body, ann.cookie)).status).toBe(403);
    const unknown = await call('POST', '/api/v1/forecast/adjustments', { ...body, key: north });
    expect([unknown.status, unknown.json<{ errors: unknown[] }>().errors]).toEqual([
      400,
      [{ path: 'key', message: 'must be a user id, "none" or "total"' }],
    ]);
    const bad = await call('POST', '/api/v1/forecast/adjustments', { ...body, reason: ' ', amount: '-5' });
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['amount', 'reason']);
  });
});

describe('quotas and periods: bad input', () => {
  it('refuses negative amounts, unknown users and teams, both or neither subject', async () => {
    const paths = async (body: unknown) => {
      const answer = await call('POST', '/api/v1/quotas', body);
      expect(answer.status).toBe(400);
      return answer.json<{ errors: { path: string; message: string }[] }>().errors;
    };
    expect(await paths({ period: '2026-Q4', ownerId: ann.userId, amount: '-1' })).toEqual([
      { path: 'amount', message: 'must be an amount of zero or more, with at most 2 decimals' },
    ]);
    expect(await paths({ period: '2026-Q4', ownerId: north, amount: '1' })).toEqual([
      { path: 'ownerId', message: 'is not a user of this workspace' },
    ]);
    expect(await paths({ period: '2026-Q4', teamId: ann.userId, amount: '1' })).toEqual([
      { path: 'teamId', message: 'is not a team of this workspace' },
    ]);
    expect(await paths({ period: '2026-Q4', amount: '1' })).toEqual([
      { path: 'ownerId', message: 'give either ownerId or teamId' },
    ]);
    expect(await paths({ period: '2026-Q5', ownerId: ann.userId, amount: '1' })).toEqual([
      { path: 'period', message: 'must be a month like 2026-11 or a quarter like 2026-Q4' },
    ]);
    expect(
      (
        await call(
          'POST',
          '/api/v1/quotas',
          { period: '2026-Q1', ownerId: ann.userId, amount: '1' },
          ann.cookie,
        )
      ).status,
    ).toBe(403);
    const quotas = (await call('GET', '/api/v1/quotas?period=2026-Q4')).json<{ data: unknown[] }>().data;
    expect(quotas).toHaveLength(2);
  });

  it('refuses periods and groupings it does not know', async () => {
    for (const q of [
      'period=2026-13',
      'period=26-Q1',
      'period=2026-Q0',
      '',
      'period=2026-Q4&groupBy=region',
    ]) {
      const answer = await call('GET', `/api/v1/forecast?${q}`);
      expect(answer.status, q).toBe(400);
      expect(answer.json<{ errors: { path: string }[] }>().errors[0].path).toBe(
        q.includes('groupBy') ? 'groupBy' : 'period',
      );
    }
    expect((await call('PUT', '/api/v1/forecast/settings', { fiscalYearStartMonth: 13 })).status).toBe(400);
  });
});

describe('weekly snapshots and accuracy', () => {
  it('keeps one snapshot per week, and compares each week’s commit with what closed', async () => {
    const monday = new Date('2026-11-23T05:00:00Z');
    const stored = await snapshotWorkspace(app.platform, admin.workspaceId, monday);
    // This month, this quarter, next quarter; by owner and by team; plus their totals.
    expect(stored).toBeGreaterThan(0);
    expect(await snapshotWorkspace(app.platform, admin.workspaceId, new Date('2026-11-26T09:00:00Z'))).toBe(
      0,
    );
    const accuracy = (await call('GET', '/api/v1/forecast/accuracy?period=2026-Q4')).json<ForecastAccuracy>();
    expect(accuracy.actual).toBe('1000.00');
    expect(accuracy.weeks).toEqual([
      { week: '2026-11-23', commit: '1600.00', bestCase: '1900.00', weighted: '652.00', commitError: 0.6 },
    ]);
    const team = await call('GET', `/api/v1/forecast/accuracy?period=2026-Q4&groupBy=team&key=${north}`);
    expect(team.json<ForecastAccuracy>().weeks.map((w) => w.commit)).toEqual(['1600.00']);
  });
});
