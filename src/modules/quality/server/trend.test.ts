import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, eventually, type TestApp } from '../../../server/testing';
import { snapshotJob } from './snapshots';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let rep: string;
let other: { cookie: string; workspaceId: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = (await app.addUser(admin.cookie, 'rep')).cookie;
  other = await app.signup('Other Co');
});
afterAll(() => app.close());

type Trend = {
  object: string;
  data: {
    day: string;
    records: number;
    score: number;
    stale: number;
    duplicatesWaiting: number;
    fields: { field: string; share: number }[];
  }[];
  scoreChange30Days: number | null;
};
const trendOf = async (as: string, query = '', object = 'accounts') =>
  (await app.call('GET', `/api/v1/quality/objects/${object}/trend${query}`, { as })).json<Trend>();
const today = () => new Date().toISOString().slice(0, 10);

describe('quality trend', () => {
  it('takes one snapshot per object and day, again and again, and answers the series', async () => {
    expect((await trendOf(admin.cookie)).data).toEqual([]);
    await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Trend Co', industry: 'Retail' },
    });
    const taken = await app.call('POST', '/api/v1/quality/snapshots', { as: admin.cookie, body: {} });
    expect(taken.status).toBe(200);
    expect(taken.json<{ day: string; objects: string[] }>()).toMatchObject({ day: today() });
    expect(taken.json<{ objects: string[] }>().objects).toEqual(
      expect.arrayContaining(['accounts', 'contacts']),
    );
    const first = await trendOf(admin.cookie);
    expect(first.data).toHaveLength(1);
    expect(first.data[0]).toMatchObject({ day: today(), records: 1, stale: 0, duplicatesWaiting: 0 });
    expect(first.data[0].fields.find((f) => f.field === 'industry')).toEqual({ field: 'industry', share: 1 });
    expect(first.scoreChange30Days).toBeNull();

    // A second record later the same day: the day's row is replaced, not added.
    await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Second Co' } });
    await app.call('POST', '/api/v1/quality/snapshots', { as: admin.cookie, body: { object: 'accounts' } });
    const second = await trendOf(admin.cookie);
    expect(second.data.map((d) => [d.day, d.records])).toEqual([[today(), 2]]);
    expect(second.data[0].fields.find((f) => f.field === 'industry')).toEqual({
      field: 'industry',
      share: 0.5,
    });
    const [count] = await app.db.read((x) =>
      rows<{ n: number }>(
        x,
        sql`SELECT count(*)::int AS n FROM quality_snapshots WHERE workspace_id = ${admin.workspaceId} AND object = 'accounts'`,
      ),
    );
    expect(count.n).toBe(1);
  });

  it('compares the latest score with the one 30 days or more before, within the days asked', async () => {
    await app.db.write((tx) =>
      tx.execute(sql`INSERT INTO quality_snapshots (workspace_id, object, day, records, score, stale, duplicates_waiting, fields)
        VALUES (${admin.workspaceId}, 'accounts', (now() AT TIME ZONE 'UTC')::date - 40, 5, 10, 1, 0, '[]'::jsonb),
          (${admin.workspaceId}, 'accounts', (now() AT TIME ZONE 'UTC')::date - 10, 5, 99, 1, 0, '[]'::jsonb)`),
    );
    const latest = (await trendOf(admin.cookie)).data.at(-1)!;
    const trend = await trendOf(admin.cookie);
    expect(trend.data).toHaveLength(3);
    expect(trend.scoreChange30Days).toBe(Math.round((latest.score - 10) * 10) / 10);
    const recent = await trendOf(admin.cookie, '?days=30');
    expect(recent.data).toHaveLength(2);
    expect(recent.scoreChange30Days).toBe(trend.scoreChange30Days);
    expect(
      (await app.call('GET', '/api/v1/quality/objects/accounts/trend?days=0', { as: admin.cookie })).status,
    ).toBe(400);
  });

  it('lets members read the trend, only admins take snapshots, and keeps workspaces apart', async () => {
    expect((await trendOf(rep)).data).toHaveLength(3);
    expect((await app.call('POST', '/api/v1/quality/snapshots', { as: rep, body: {} })).status).toBe(403);
    expect((await trendOf(other.cookie)).data).toEqual([]);
    await app.call('POST', '/api/v1/quality/snapshots', { as: other.cookie, body: { object: 'accounts' } });
    expect((await trendOf(other.cookie)).data.map((d) => d.records)).toEqual([0]);
    expect((await trendOf(admin.cookie)).data).toHaveLength(3);
    const unknown = await app.call('GET', '/api/v1/quality/objects/nothing/trend', { as: admin.cookie });
    expect(unknown.status).toBe(404);
  });

  it("the daily job takes every workspace's snapshot of every object", async () => {
    expect((await trendOf(other.cookie, '', 'deals')).data).toEqual([]);
    await app.platform.jobs.start();
    await app.platform.jobs.send(snapshotJob, {});
    for (const who of [admin.cookie, other.cookie])
      await eventually(async () => ((await trendOf(who, '', 'deals')).data.length === 1 ? true : undefined));
    // The day's accounts row was replaced, not added.
    expect((await trendOf(admin.cookie)).data).toHaveLength(3);
  });
});
