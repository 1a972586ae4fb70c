import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { Highlight } from '../contract';
import { settingsOf } from './settings';

type TeamHighlight = Highlight['teams'][number];

/**
 * The weekly highlight, when the workspace opts in: the teams whose weekly active share of seats rose
 * most over the week before (at most three, only rises). Praise for using Rapport, never a ranking of
 * effort: shares of seats, not counts of clicks or minutes.
 */
export async function weeklyHighlight(ctx: RequestContext): Promise<Highlight> {
  const ws = ctx.workspace.id;
  const { weeklyHighlight: enabled } = await ctx.db.read((x) => settingsOf(x, ws));
  if (!enabled) return { enabled, teams: [] };
  const active = (from: string, to: string) =>
    sql`u.id IN (SELECT e.user_id FROM usage_events e WHERE e.workspace_id = ${ws}
      AND e.at >= now() - ${sql.raw(`interval '${from}'`)} AND e.at < now() - ${sql.raw(`interval '${to}'`)})`;
  const teams = await ctx.db.read((x) =>
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
  return { enabled, teams };
}
