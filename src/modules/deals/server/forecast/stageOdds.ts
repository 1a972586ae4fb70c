import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../../server/engine';
import type { Period } from './periods';
import { ratesOn } from './rates';

/** One stage's history and its open deals' share of the period's statistical forecast. */
export interface StageOdds {
  pipelineId: string;
  stageId: string;
  /** deals that were in the stage and closed (won or lost) in the two years before `asOf` */
  closed: number;
  won: number;
  medianDaysToWon: number | null;
  openDeals: number;
  /** Σ p·amount and Σ p(1−p)·amount² over the stage's open deals (base currency, as-of rates) */
  expected: number;
  variance: number;
}

/**
 * The statistical forecast's SQL. From the stage history of deals closed in the two years before
 * `asOf`, per pipeline and stage: a histogram of days from entering the stage to closing, won and
 * lost apart. A deal open at `asOf` that entered its stage `a` days before then wins inside the period
 * with the odds that history gives a deal of that stage still open at age `a`:
 *   p = #won with days in [max(start−entered, a), end−entered) / #closed with days ≥ a.
 * Open deals are grouped by stage and day entered (p is the same within a group), so the database
 * returns one row per stage whatever the number of deals: the expected value Σ p·amount and the
 * variance Σ p(1−p)·amount² of the sum of independent Bernoulli outcomes.
 */
export function stageOdds(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  period: Period,
  asOf: Date,
): Promise<StageOdds[]> {
  const ws = ctx.workspace.id;
  const at = asOf.toISOString();
  const day = at.slice(0, 10);
  const current = asOf.getTime() >= Date.now() - 60_000;
  // Today's open deals are the open stage entries (a partial index); a past day's are rebuilt from history.
  const openAtThen: SQL = current
    ? sql`t.closed_at IS NULL AND h.left_at IS NULL`
    : sql`t.created_at <= ${at}::timestamptz AND (t.closed_at IS NULL OR t.closed_at > ${at}::timestamptz)
        AND h.entered_at <= ${at}::timestamptz AND (h.left_at IS NULL OR h.left_at > ${at}::timestamptz)`;
  // Index of a day count into a stage's cumulative arrays (which start at day −1), clamped to its last day.
  const index = (days: SQL) => sql`least(greatest(${days} - 1, -1), a.max_t) + 2`;
  return ctx.db.read((x) =>
    rows<StageOdds>(
      x,
      sql`WITH rates AS (${ratesOn(ctx, day)}),
      hist AS (
        SELECT h.pipeline_id, h.stage_id, t.forecast_category = 'closedWon' AS won,
          floor(extract(epoch FROM t.closed_at - h.entered_at) / 86400)::int AS t
        FROM deals t JOIN deal_stage_history h ON h.workspace_id = t.workspace_id AND h.deal_id = t.id
        WHERE t.workspace_id = ${ws} AND h.workspace_id = ${ws} AND t.deleted_at IS NULL
          AND t.closed_at >= ${at}::timestamptz - interval '730 days' AND t.closed_at < ${at}::timestamptz
          AND h.left_at IS NOT NULL AND h.left_at <= t.closed_at),
      counts AS (
        SELECT pipeline_id, stage_id, t, count(*) FILTER (WHERE won) AS won, count(*) AS closed
        FROM hist GROUP BY 1, 2, 3),
      totals AS (
        SELECT pipeline_id, stage_id, sum(won) AS won, sum(closed) AS closed, max(t) AS max_t
        FROM counts GROUP BY 1, 2),
      dense AS (
        SELECT s.pipeline_id, s.stage_id, g.t,
          coalesce(sum(c.won) OVER w, 0)::int AS cum_won, coalesce(sum(c.closed) OVER w, 0)::int AS cum_closed
        FROM totals s CROSS JOIN LATERAL generate_series(-1, s.max_t) AS g(t)
        LEFT JOIN counts c ON c.pipeline_id = s.pipeline_id AND c.stage_id = s.stage_id AND c.t = g.t
        WINDOW w AS (PARTITION BY s.pipeline_id, s.stage_id ORDER BY g.t)),
      -- Per stage, the cumulative counts as arrays: a deal group's odds are three subscripts, not joins.
      arrays AS (
        SELECT d.pipeline_id, d.stage_id, max(d.t) AS max_t, max(d.cum_closed) AS closed,
          array_agg(d.cum_won ORDER BY d.t) AS won, array_agg(d.cum_closed ORDER BY d.t) AS cum_closed
        FROM dense d GROUP BY 1, 2),
      open AS (
        SELECT h.pipeline_id, h.stage_id, (h.entered_at AT TIME ZONE 'UTC')::date AS entered, count(*) AS n,
          sum(round(coalesce(t.amount, 0) * r.rate, 2))::float8 AS s1,
          sum(round(coalesce(t.amount, 0) * r.rate, 2) ^ 2)::float8 AS s2
        FROM deals t JOIN deal_stage_history h ON h.workspace_id = t.workspace_id AND h.deal_id = t.id
        JOIN rates r ON r.currency = t.currency
        WHERE t.workspace_id = ${ws} AND h.workspace_id = ${ws} AND t.deleted_at IS NULL AND ${openAtThen}
          AND ${visibleTo(ctx, dealsObject)}
        GROUP BY 1, 2, 3),
      chance AS (
        SELECT o.pipeline_id, o.stage_id, o.n, o.s1, o.s2, coalesce(
          greatest(a.won[${index(sql`(${period.end}::date - o.entered)`)}]
            - a.won[${index(sql`greatest(${period.start}::date - o.entered, ${day}::date - o.entered)`)}], 0)::float8
            / nullif(a.closed - a.cum_closed[${index(sql`(${day}::date - o.entered)`)}], 0), 0) AS p
        FROM open o LEFT JOIN arrays a ON a.pipeline_id = o.pipeline_id AND a.stage_id = o.stage_id),
      per_stage AS (
        SELECT pipeline_id, stage_id, sum(n) AS n, sum(p * s1) AS expected, sum(p * (1 - p) * s2) AS variance
        FROM chance GROUP BY 1, 2),
      median AS (
        SELECT d.pipeline_id, d.stage_id, min(d.t) AS days FROM dense d
        JOIN totals s ON s.pipeline_id = d.pipeline_id AND s.stage_id = d.stage_id
        WHERE s.won > 0 AND d.cum_won * 2 >= s.won GROUP BY 1, 2)
      SELECT coalesce(s.pipeline_id, o.pipeline_id) AS "pipelineId", coalesce(s.stage_id, o.stage_id) AS "stageId",
        coalesce(s.closed, 0)::int AS closed, coalesce(s.won, 0)::int AS won, m.days AS "medianDaysToWon",
        coalesce(o.n, 0)::int AS "openDeals", coalesce(o.expected, 0)::float8 AS expected,
        coalesce(o.variance, 0)::float8 AS variance
      FROM totals s FULL JOIN per_stage o ON o.pipeline_id = s.pipeline_id AND o.stage_id = s.stage_id
      LEFT JOIN median m ON m.pipeline_id = s.pipeline_id AND m.stage_id = s.stage_id
      ORDER BY 1, 2`,
    ),
  );
}

/** Closed won of the period before `asOf` and in all of it, at the as-of rates (the backtest's truth). */
export async function wonInPeriod(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  period: Period,
  asOf: Date,
): Promise<{ before: string; all: string }> {
  const at = asOf.toISOString();
  const [sums] = await ctx.db.read((x) =>
    rows<{ before: string; all: string }>(
      x,
      sql`WITH rates AS (${ratesOn(ctx, at.slice(0, 10))})
      SELECT coalesce(sum(round(coalesce(t.amount, 0) * r.rate, 2)) FILTER (WHERE t.closed_at < ${at}::timestamptz), 0)::text AS before,
        coalesce(sum(round(coalesce(t.amount, 0) * r.rate, 2)), 0)::text AS all
      FROM deals t JOIN rates r ON r.currency = t.currency
      WHERE t.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND t.forecast_category = 'closedWon'
        AND t.closed_at >= ${period.start}::timestamptz AND t.closed_at < ${period.end}::timestamptz
        AND ${visibleTo(ctx, dealsObject)}`,
    ),
  );
  return sums;
}
