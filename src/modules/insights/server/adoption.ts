import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { practiceLabels, type Adoption, type AdoptionGroup, type Practice } from '../contract';
import { settingsOf } from './settings';

/** The practices measured from deals and activities. */
const measured = ['stageUpdates', 'nextSteps', 'checklists', 'loggingCalls'] as const;
/** A rep who logged a call or meeting within this many days logs them. */
const loggingDays = 7;
/** The uses adoption looks for on every object: what is never done shows as ignored. */
const featureActions = ['list', 'view', 'create', 'update', 'search', 'export', 'import'];

interface GroupRow {
  teamId: string | null;
  name: string;
  seats: number;
  weeklyActive: number;
  users: number;
  stageUpdates: number;
  nextSteps: number;
  checklists: number;
  loggingCalls: number;
}

/**
 * Per user who owns open deals: whether every open deal changed within N days (its stage kept current),
 * every open deal has a next step, the checklist of any open deal is used, and they logged a call or
 * meeting (that happened) in the last 7 days.
 */
function ownerPractices(ctx: RequestContext, days: number) {
  return sql`owners AS (
    SELECT d.owner_id AS user_id,
      bool_and(d.updated_at >= now() - make_interval(days => ${days}::int)) AS "stageUpdates",
      bool_and(coalesce(d.next_step, '') <> '') AS "nextSteps",
      bool_or(d.checklist IS NOT NULL AND d.checklist <> '{}'::jsonb) AS checklists,
      EXISTS (SELECT 1 FROM activities a WHERE a.workspace_id = ${ctx.workspace.id} AND a.deleted_at IS NULL
        AND a.type IN ('call', 'meeting') AND a.owner_id = d.owner_id
        AND a.occurred_at >= now() - make_interval(days => ${loggingDays}::int) AND a.occurred_at <= now()) AS "loggingCalls"
    FROM deals d WHERE d.workspace_id = ${ctx.workspace.id} AND d.deleted_at IS NULL AND d.closed_at IS NULL
      AND d.owner_id IS NOT NULL
    GROUP BY d.owner_id)`;
}

function shares(row: GroupRow): AdoptionGroup['practices'] {
  return measured.map((practice) => {
    const followers = Number(row[practice]);
    const users = Number(row.users);
    return {
      practice,
      label: practiceLabels[practice],
      share: users ? Math.round((followers / users) * 10000) / 10000 : null,
      followers,
      users,
      dataAvailable: true,
    };
  });
}

export async function adoptionOf(ctx: RequestContext): Promise<Adoption> {
  const ws = ctx.workspace.id;
  const settings = await ctx.db.read((x) => settingsOf(x, ws));
  const days = settings.stageUpdateDays;
  return ctx.db.read(async (x) => {
    const groups = await rows<GroupRow>(
      x,
      sql`WITH ${ownerPractices(ctx, days)},
        active AS (SELECT DISTINCT e.user_id FROM usage_events e
          WHERE e.workspace_id = ${ws} AND e.at >= now() - interval '7 days')
        SELECT u.team_id AS "teamId", CASE WHEN GROUPING(u.team_id) = 1 THEN 'Whole workspace' ELSE coalesce(min(t.name), 'No team') END AS name,
          count(*)::int AS seats, count(*) FILTER (WHERE u.id IN (SELECT user_id FROM active))::int AS "weeklyActive",
          count(o.user_id)::int AS users, count(*) FILTER (WHERE o."stageUpdates")::int AS "stageUpdates",
          count(*) FILTER (WHERE o."nextSteps")::int AS "nextSteps", count(*) FILTER (WHERE o.checklists)::int AS checklists,
          count(*) FILTER (WHERE o."loggingCalls")::int AS "loggingCalls"
        FROM users u LEFT JOIN teams t ON t.workspace_id = u.workspace_id AND t.id = u.team_id
          LEFT JOIN owners o ON o.user_id = u.id
        WHERE u.workspace_id = ${ws} AND NOT u.disabled
        GROUP BY GROUPING SETS ((), (u.team_id)) ORDER BY GROUPING(u.team_id) DESC, name`,
    );
    const features = await rows<{ object: string; action: string; events: number; users: number }>(
      x,
      sql`SELECT coalesce(object, '') AS object, action, sum(count)::int AS events, count(DISTINCT user_id)::int AS users
        FROM usage_events WHERE workspace_id = ${ws} AND at >= now() - interval '28 days'
        GROUP BY 1, action ORDER BY events DESC, object, action LIMIT 200`,
    );
    const [first] = await rows<{ hours: number | null; newUsers: number }>(
      x,
      sql`SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_at - u.created_at) / 3600))::numeric, 1)::float8 AS hours,
          count(*)::int AS "newUsers"
        FROM users u LEFT JOIN LATERAL (SELECT min(e.at) AS first_at FROM usage_events e
          WHERE e.workspace_id = u.workspace_id AND e.user_id = u.id AND e.action IN ('create', 'update', 'import')) f ON TRUE
        WHERE u.workspace_id = ${ws} AND u.created_at >= ${settings.goLive}::date`,
    );
    const answer: Adoption = {
      stageUpdateDays: days,
      groups: groups.map((g) => ({
        teamId: g.teamId,
        name: g.name,
        seats: g.seats,
        weeklyActive: g.weeklyActive,
        practices: shares(g),
      })),
      features,
      ignored: [],
      firstActionMedianHours: first.hours,
      newUsers: first.newUsers,
    };
    if (settings.individualAdoption) {
      const people = await rows<
        { userId: string; name: string } & Record<(typeof measured)[number], boolean>
      >(
        x,
        sql`WITH ${ownerPractices(ctx, days)}
          SELECT u.id AS "userId", u.name, o."stageUpdates", o."nextSteps", o.checklists, o."loggingCalls"
          FROM owners o JOIN users u ON u.workspace_id = ${ws} AND u.id = o.user_id
          WHERE ${ctx.role === 'admin' ? sql`TRUE` : sql`u.id = ${ctx.userId}`} ORDER BY u.name LIMIT 500`,
      );
      answer.individuals = people.map((p) => ({
        userId: p.userId,
        name: p.name,
        practices: measured.filter((m) => p[m]) as Practice[],
      }));
    }
    return answer;
  });
}

/** Object × use pairs nobody used in the last 28 days, among the workspace's objects. */
export function ignoredFeatures(objects: string[], used: { object: string; action: string }[]) {
  const seen = new Set(used.map((u) => `${u.object}:${u.action}`));
  return objects.flatMap((object) =>
    featureActions.filter((action) => !seen.has(`${object}:${action}`)).map((action) => ({ object, action })),
  );
}
