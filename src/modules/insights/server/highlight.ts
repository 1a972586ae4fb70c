import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext, ResolvedObject } from '../../../server/engine';
import type { Highlight } from '../contract';
import { settingsOf } from './settings';

type TeamHighlight = Highlight['teams'][number];
type QualityHighlight = Highlight['quality'][number];

/** The teams whose weekly active share of seats rose most over the week before (at most three, only rises). */
function teamsRising(ctx: RequestContext): Promise<TeamHighlight[]> {
  const ws = ctx.workspace.id;
  const active = (from: string, to: string) =>
    sql`u.id IN (SELECT e.user_id FROM usage_events e WHERE e.workspace_id = ${ws}
      AND e.at >= now() - ${sql.raw(`interval '${from}'`)} AND e.at < now() - ${sql.raw(`interval '${to}'`)})`;
  return ctx.db.read((x) =>
    rows<TeamHighlight>(
      x,
      sql`SELECT * FROM (
          SELECT t.id AS "teamId", t.name,
            round(count(*) FILTER (WHERE ${active('7 days', '0 days')})::numeric / count(*), 4)::float8 AS "thisWeek",
            round(count(*) FILTER (WHERE ${active('14 days', '7 days')})::numeric / count(*), 4)::float8 AS "weekBefore"
          FROM teams t JOIN users u ON u.workspace_id = t.workspace_id AND u.team_id = t.id AND NOT u.disabled
          WHERE t.workspace_id = ${ws} GROUP BY t.id, t.name) AS s
        WHERE "thisWeek" > "weekBefore" ORDER BY "thisWeek" - "weekBefore" DESC, name LIMIT 3`,
    ),
  );
}

/**
 * The objects whose data quality score rose most (at most three, only rises), from the quality module's
 * daily snapshots: the latest of the last seven days against the latest at least seven days before it.
 * Only objects the caller sees are named.
 */
async function qualityRising(
  ctx: RequestContext,
  objects: Map<string, ResolvedObject>,
): Promise<QualityHighlight[]> {
  const today = sql`(now() AT TIME ZONE 'UTC')::date`;
  const found = await ctx.db.read((x) =>
    rows<Omit<QualityHighlight, 'label'>>(
      x,
      sql`SELECT object, round(this_week::numeric, 1)::float8 AS "thisWeek",
          round(week_before::numeric, 1)::float8 AS "weekBefore"
        FROM (SELECT DISTINCT ON (s.object) s.object, s.score AS this_week,
            (SELECT b.score FROM quality_snapshots b
              WHERE b.workspace_id = s.workspace_id AND b.object = s.object AND b.day <= s.day - 7
              ORDER BY b.day DESC LIMIT 1) AS week_before
          FROM quality_snapshots s
          WHERE s.workspace_id = ${ctx.workspace.id} AND s.day > ${today} - 7
          ORDER BY s.object, s.day DESC) AS q
        WHERE this_week > week_before ORDER BY this_week - week_before DESC, object`,
    ),
  );
  return found
    .filter((q) => objects.has(q.object))
    .slice(0, 3)
    .map((q) => ({ ...q, label: objects.get(q.object)!.declaration.labelPlural }));
}

/**
 * The weekly highlight, when the workspace opts in: teams whose use of Rapport rose, and objects whose
 * data got cleaner. Praise for using Rapport well, never a ranking of effort: shares of seats and
 * quality scores, not counts of clicks or minutes.
 */
export async function weeklyHighlight(
  ctx: RequestContext,
  objects: Map<string, ResolvedObject>,
): Promise<Highlight> {
  const { weeklyHighlight: enabled } = await ctx.db.read((x) => settingsOf(x, ctx.workspace.id));
  if (!enabled) return { enabled, teams: [], quality: [] };
  return { enabled, teams: await teamsRising(ctx), quality: await qualityRising(ctx, objects) };
}
