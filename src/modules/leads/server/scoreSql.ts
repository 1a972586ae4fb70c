import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { compileFilter, tableAlias, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { ScoreReason, ScoringRule } from '../contract';

/**
 * Rules are compiled as the system sees the lead (every field, every related record), so that a lead
 * scores the same whoever looks at it.
 */
const systemView = (ctx: RequestContext): RequestContext => ({ ...ctx, role: 'admin' });

/** Whether the lead on the object's alias matches one rule, as one SQL boolean. */
export function ruleMatches(
  ctx: RequestContext,
  contacts: ResolvedObject,
  rule: ScoringRule,
  path = 'condition',
): SQL {
  const t = tableAlias(contacts.alias);
  if (rule.condition) {
    const { field, op, value } = rule.condition;
    return compileFilter(systemView(ctx), contacts, { field, op, value }, path);
  }
  const activity = rule.activity!;
  const direction = activity.direction
    ? sql` AND EXISTS (SELECT 1 FROM activities a WHERE a.workspace_id = al.workspace_id AND a.id = al.activity_id AND a.direction = ${activity.direction})`
    : sql``;
  return sql`(SELECT count(*) FROM activity_links al
    WHERE al.workspace_id = ${t}.workspace_id AND al.object = 'contacts' AND al.record_id = ${t}.id
      AND al.type = ANY(${`{${activity.types.join(',')}}`}::text[])
      AND al.at >= now() - make_interval(days => ${activity.withinDays}::int)${direction}) >= ${activity.atLeast}::int`;
}

/**
 * A lead's score in SQL: `lateral` adds `h.hits` (one boolean per rule, in the rules' order) to a query
 * over contacts; `fit`, `engagement` and `score` sum the points of the rules that hit.
 */
export function scoreSql(ctx: RequestContext, contacts: ResolvedObject, rules: ScoringRule[]) {
  const hits = rules.map((r) => sql`coalesce((${ruleMatches(ctx, contacts, r)}), false)`);
  const lateral = sql`CROSS JOIN LATERAL (SELECT ARRAY[${sql.join(hits, sql`, `)}]::boolean[] AS hits) h`;
  const sum = (kind: ScoringRule['kind']) => {
    const terms = rules.flatMap((r, i) =>
      r.kind === kind ? [sql`CASE WHEN h.hits[${i + 1}] THEN ${r.points}::int ELSE 0 END`] : [],
    );
    return terms.length ? sql`(${sql.join(terms, sql` + `)})` : sql`0`;
  };
  const fit = sum('fit');
  const engagement = sum('engagement');
  return {
    lateral: rules.length ? lateral : sql`CROSS JOIN LATERAL (SELECT ARRAY[]::boolean[] AS hits) h`,
    fit,
    engagement,
    score: sql`(${fit} + ${engagement})`,
  };
}

/** The rules that hit, as people read them: label and points, biggest first. */
export function reasonsOf(rules: ScoringRule[], hits: boolean[]): ScoreReason[] {
  return rules
    .filter((_, i) => hits[i])
    .map((r) => ({ label: r.label, points: r.points }))
    .sort((a, b) => b.points - a.points);
}

/** The workspace's scoring rules in the order they were made (the order of `h.hits`). */
export async function scoringRules(ctx: RequestContext): Promise<ScoringRule[]> {
  return ctx.db.read((x) =>
    rows<ScoringRule>(
      x,
      sql`SELECT id, label, kind, points, condition, activity,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
        FROM lead_scoring_rules WHERE workspace_id = ${ctx.workspace.id} ORDER BY created_at, id`,
    ),
  );
}
