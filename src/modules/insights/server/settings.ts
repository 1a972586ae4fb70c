import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { InsightsSettings, insightsSettingsInput } from '../contract';
import type { z } from 'zod';

/** The workspace's settings; the go-live date defaults to the day the workspace was created. */
export async function settingsOf(x: Executor, workspaceId: string): Promise<InsightsSettings> {
  const [found] = await rows<InsightsSettings>(
    x,
    sql`SELECT coalesce(s.go_live, (w.created_at AT TIME ZONE 'UTC')::date)::text AS "goLive",
        coalesce(s.individual_adoption, false) AS "individualAdoption",
        coalesce(s.weekly_highlight, false) AS "weeklyHighlight",
        coalesce(s.stage_update_days, 14) AS "stageUpdateDays"
      FROM workspaces w LEFT JOIN insights_settings s ON s.workspace_id = w.id
      WHERE w.id = ${workspaceId}`,
  );
  return found;
}

export async function updateSettings(
  ctx: RequestContext,
  input: z.infer<typeof insightsSettingsInput>,
): Promise<InsightsSettings> {
  assertAdmin(ctx);
  return ctx.db.write(async (tx) => {
    const current = await settingsOf(tx, ctx.workspace.id);
    const next = { ...current, ...input };
    await tx.execute(
      sql`INSERT INTO insights_settings (workspace_id, go_live, individual_adoption, weekly_highlight, stage_update_days)
        VALUES (${ctx.workspace.id}, ${next.goLive}, ${next.individualAdoption}, ${next.weeklyHighlight}, ${next.stageUpdateDays})
        ON CONFLICT (workspace_id) DO UPDATE SET go_live = excluded.go_live,
          individual_adoption = excluded.individual_adoption, weekly_highlight = excluded.weekly_highlight,
          stage_update_days = excluded.stage_update_days`,
    );
    return next;
  });
}
