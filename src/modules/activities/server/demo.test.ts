import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSalesDemo } from '../../deals/server';
import { rows } from '../../../server/db/database';
import { systemContext } from '../../../server/seed/context';
import { seedRecords } from '../../../server/seed/demo';
import { createTestApp, type TestApp } from '../../../server/testing';
import { activityTypes, type MyDay, type TimelinePage } from '../contract';
import { seedActivityDemo } from './demo';

let app: TestApp;
let admin: { cookie: string; workspaceId: string; userId: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  await seedRecords(
    app.db,
    app.platform.registry,
    admin.workspaceId,
    [admin.userId],
    { accounts: 10, contacts: 30 },
    3,
  );
  const ctx = await systemContext(app.db, admin.workspaceId, admin.userId);
  await seedSalesDemo(ctx, app.platform.registry, [admin.userId], { deals: 20, leads: 5 });
  await seedActivityDemo(ctx, [admin.userId], 600);
});
afterAll(() => app.close());

const query = <T>(text: ReturnType<typeof sql>) => app.db.read((x) => rows<T>(x, text));

describe('activity demo data', () => {
  it('covers every channel over two years, each activity indexed under each of its links', async () => {
    const [counts] = await query<{
      n: number;
      types: string[];
      links: number;
      indexed: number;
      days: number;
    }>(
      sql`SELECT count(*)::int AS n, array_agg(DISTINCT type ORDER BY type) AS types,
          sum(jsonb_array_length(links))::int AS links,
          (SELECT count(*)::int FROM activity_links WHERE workspace_id = ${admin.workspaceId}) AS indexed,
          (extract(epoch FROM max(coalesce(occurred_at, due_at)) - min(coalesce(occurred_at, due_at))) / 86400)::int AS days
        FROM activities WHERE workspace_id = ${admin.workspaceId}`,
    );
    expect(counts.n).toBe(606);
    expect(counts.types).toEqual([...activityTypes].sort());
    expect(counts.indexed).toBe(counts.links);
    expect(counts.days).toBeGreaterThan(700);
  });

  it('gives the user a day: calls to make, a task, a meeting and something overdue', async () => {
    const day = (await app.call('GET', '/api/v1/me/day', { as: admin.cookie })).json<MyDay>();
    expect(day.callList.filter((c) => c.subject === 'Call back')).toHaveLength(3);
    expect(day.meetings.length).toBeGreaterThanOrEqual(1);
    expect(day.overdue.length).toBeGreaterThanOrEqual(1);
  });

  it("shows on an account's timeline", async () => {
    const [account] = await query<{ record_id: string }>(
      sql`SELECT record_id FROM activity_links WHERE workspace_id = ${admin.workspaceId} AND object = 'accounts' LIMIT 1`,
    );
    const page = await app.call('GET', `/api/v1/accounts/${account.record_id}/timeline?types=activity`, {
      as: admin.cookie,
    });
    expect(page.json<TimelinePage>().data.length).toBeGreaterThan(0);
  });
});
