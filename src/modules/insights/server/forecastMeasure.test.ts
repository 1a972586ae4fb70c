import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { measureValue } from './measures.setup';

/*
 * Weekly total snapshots, dated by hand:
 *   2026-Q1: first commit 1,000, won 800 by its last (2026-03-30): accuracy 1 - 200/800 = 0.75
 *   2026-Q2: first commit 500, won 500 by its last (2026-06-29): accuracy 1
 *   2026-Q3: still running (its week is the latest snapshot): left out
 */
let app: TestApp;
let admin: { cookie: string; workspaceId: string };

const snapshot = (period: string, week: string, commit: number, won: number) =>
  app.db.write((tx) =>
    tx.execute(sql`INSERT INTO forecast_snapshots
      (workspace_id, week, period, group_by, key, name, closed_won, commit, best_case, pipeline, weighted)
      VALUES (${admin.workspaceId}, ${week}::date, ${period}, 'owner', 'total', 'Total', ${won}, ${commit}, ${commit}, ${commit}, ${commit})`),
  );

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Forecasting Co');
});
afterAll(() => app.close());

describe('forecast accuracy', () => {
  it('says what it needs until a quarter has snapshots', async () => {
    const measures = (await app.call('GET', '/api/v1/insights/measures', { as: admin.cookie })).json<{
      data: { id: string; dataAvailable: boolean; reason?: string }[];
    }>();
    expect(measures.data.find((m) => m.id === 'forecastAccuracy')).toMatchObject({
      dataAvailable: false,
      reason: expect.stringMatching(/weekly forecast snapshots/),
    });
  });

  it("compares each ended quarter's first commit with what it won, averaged over the window", async () => {
    await snapshot('2026-Q1', '2026-01-05', 1000, 0);
    await snapshot('2026-Q1', '2026-02-16', 1200, 300);
    await snapshot('2026-Q1', '2026-03-30', 900, 800);
    await snapshot('2026-Q2', '2026-04-06', 500, 0);
    await snapshot('2026-Q2', '2026-06-29', 700, 500);
    await snapshot('2026-Q3', '2026-07-06', 900, 100);
    // Another grouping's rows and another workspace's count for nothing.
    const other = await app.signup('Other Co');
    await app.db.write((tx) =>
      tx.execute(sql`INSERT INTO forecast_snapshots
        (workspace_id, week, period, group_by, key, name, closed_won, commit, best_case, pipeline, weighted)
        VALUES (${other.workspaceId}, '2026-03-30', '2026-Q1', 'owner', 'total', 'Total', 1, 1000, 0, 0, 0)`),
    );
    const value = (from: string, to: string) => measureValue(app, admin.cookie, 'forecastAccuracy', from, to);
    expect(await value('2026-01-01', '2026-04-01')).toBe(0.75);
    expect(await value('2026-01-01', '2026-07-01')).toBe(0.875);
    expect(await value('2026-07-01', '2026-10-01')).toBeNull();
  });
});
