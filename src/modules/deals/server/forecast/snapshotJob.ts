import { sql } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { Platform } from '../../../../server/platform';
import { systemContext } from '../../../../server/seed/context';
import { snapshotPeriods, takeSnapshot } from './snapshots';

export const forecastSnapshotJob = 'deals.forecast-snapshot';

/** Takes one workspace's snapshot of this week; a workspace whose week is stored already is left as it is. */
export async function snapshotWorkspace(platform: Platform, workspaceId: string, at: Date): Promise<number> {
  const [admin] = await platform.db.read((x) =>
    rows<{ id: string }>(
      x,
      sql`SELECT id FROM users WHERE workspace_id = ${workspaceId} AND role = 'admin' ORDER BY created_at, id LIMIT 1`,
    ),
  );
  if (!admin) return 0;
  const ctx = await systemContext(platform.db, workspaceId, admin.id);
  ctx.actor = { type: 'system', id: null, name: 'Weekly forecast snapshot' };
  const deals = await platform.registry.object(ctx.db, ctx.workspace, 'deals', 'admin');
  return takeSnapshot(ctx, deals, await snapshotPeriods(ctx, at), at);
}

/**
 * Every Monday at 05:00 UTC, once across all processes: every workspace's forecast rows of this month,
 * this quarter and the next. Idempotent per week (rows are keyed by week), so a retry is harmless.
 */
export function defineSnapshotJob(platform: Platform): void {
  platform.jobs.define(
    forecastSnapshotJob,
    async () => {
      const workspaces = await platform.db.read((x) =>
        rows<{ id: string }>(x, sql`SELECT id FROM workspaces ORDER BY id`),
      );
      const at = new Date();
      for (const w of workspaces) await snapshotWorkspace(platform, w.id, at);
    },
    { cron: '0 5 * * 1', retryLimit: 3, expireInSeconds: 3600 },
  );
}
