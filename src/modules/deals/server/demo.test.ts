import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { systemContext } from '../../../server/seed/context';
import { seedRecords } from '../../../server/seed/demo';
import { createTestApp, type TestApp } from '../../../server/testing';
import { seedSalesDemo } from './demo';

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
    { accounts: 20, contacts: 60 },
    3,
  );
  const ctx = await systemContext(app.db, admin.workspaceId, admin.userId);
  await seedSalesDemo(ctx, app.platform.registry, [admin.userId], { deals: 120, leads: 25 });
});
afterAll(() => app.close());

const query = <T>(text: ReturnType<typeof sql>) => app.db.read((x) => rows<T>(x, text));

describe('sales demo data', () => {
  it('has three pipelines, deals in each, and leads in every status', async () => {
    const pipelines = await app.call('GET', '/api/v1/pipelines?sort=name', { as: admin.cookie });
    expect(pipelines.json<{ data: { name: string }[] }>().data.map((p) => p.name)).toEqual([
      'New business',
      'Partners',
      'Renewals',
    ]);
    const perPipeline = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM deals WHERE workspace_id = ${admin.workspaceId} GROUP BY pipeline_id`,
    );
    expect(perPipeline).toHaveLength(3);
    const statuses = await query<{ lead_status: string; n: number }>(
      sql`SELECT lead_status, count(*)::int AS n FROM contacts WHERE workspace_id = ${admin.workspaceId}
        AND lifecycle_stage = 'lead' AND lead_status IS NOT NULL GROUP BY lead_status ORDER BY lead_status`,
    );
    expect(statuses.map((s) => s.lead_status)).toEqual([
      'disqualified',
      'new',
      'nurturing',
      'qualified',
      'working',
    ]);
  });

  it('gives every deal a stage history that ends in its stage, entries in order, closed deals dated', async () => {
    const broken = await query<{ id: string }>(
      sql`SELECT d.id FROM deals d
        LEFT JOIN LATERAL (SELECT h.stage_id, h.left_at FROM deal_stage_history h
          WHERE h.workspace_id = d.workspace_id AND h.deal_id = d.id ORDER BY h.entered_at DESC LIMIT 1) last ON true
        WHERE d.workspace_id = ${admin.workspaceId}
          AND (last.stage_id IS DISTINCT FROM d.stage_id OR last.left_at IS NOT NULL
            OR (d.forecast_category IN ('closedWon', 'omitted')) <> (d.closed_at IS NOT NULL))`,
    );
    expect(broken).toEqual([]);
    const unordered = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM deal_stage_history WHERE workspace_id = ${admin.workspaceId} AND left_at < entered_at`,
    );
    expect(unordered).toEqual([{ n: 0 }]);
    const span = await query<{ days: number }>(
      sql`SELECT extract(day FROM max(created_at) - min(created_at))::int AS days FROM deals WHERE workspace_id = ${admin.workspaceId}`,
    );
    expect(span[0].days).toBeGreaterThan(365);
  });

  it('gives owners quotas and past quarters weekly forecast snapshots to measure accuracy by', async () => {
    const quarter = (back: number) => {
      const now = new Date();
      const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - back;
      return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
    };
    const quotas = await app.call('GET', `/api/v1/quotas?period=${quarter(0)}`, { as: admin.cookie });
    expect(quotas.json<{ data: { ownerId: string | null }[] }>().data.map((q) => q.ownerId)).toContain(
      admin.userId,
    );
    const accuracy = await app.call('GET', `/api/v1/forecast/accuracy?period=${quarter(2)}`, {
      as: admin.cookie,
    });
    const weeks = accuracy.json<{ weeks: { commit: string }[] }>().weeks;
    expect(weeks.length).toBeGreaterThanOrEqual(13);
    const thisWeek = await app.call('GET', `/api/v1/forecast/accuracy?period=${quarter(0)}`, {
      as: admin.cookie,
    });
    expect(thisWeek.json<{ weeks: unknown[] }>().weeks).toHaveLength(1);
  });
});
