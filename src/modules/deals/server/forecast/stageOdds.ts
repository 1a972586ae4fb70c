import { sql } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import { reportRead } from '../../../../server/db/reportRead';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../../server/engine';
import type { Period } from './periods';
import type { Jobs } from '../../../../server/jobs/queue';
import { stageHistograms, type StageHistogram } from './histograms';
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

/** Open deals of one stage, `age` days in it: their count, Σ amount and Σ amount² (base currency). */
interface OpenGroup {
  pipelineId: string;
  stageId: string;
  age: number;
  n: number;
  s1: number;
  s2: number;
}

/**
 * Open deals as of a moment, grouped by stage and days in it: the odds are the same within a group.
 * Today's come from the deals alone (their stage and since when, from the open deals' index); a past
 * day's are rebuilt from the stage history.
 */
function openGroups(ctx: RequestContext, dealsObject: ResolvedObject, asOf: Date): Promise<OpenGroup[]> {
  const ws = ctx.workspace.id;
  const at = asOf.toISOString();
  const day = at.slice(0, 10);
  const current = asOf.getTime() >= Date.now() - 60_000;
  const amount = sql`round(coalesce(t.amount, 0) * r.rate, 2)`;
  const figures = sql`count(*)::int AS n, sum(${amount})::float8 AS s1, sum(${amount} ^ 2)::float8 AS s2`;
  const visible = visibleTo(ctx, dealsObject);
  const query = current
    ? sql`SELECT t.pipeline_id AS "pipelineId", t.stage_id AS "stageId",
          ${day}::date - (coalesce(t.stage_entered_at, t.created_at) AT TIME ZONE 'UTC')::date AS age, ${figures}
        FROM deals t JOIN rates r ON r.currency = t.currency
        WHERE t.workspace_id = ${ws} AND t.deleted_at IS NULL AND t.closed_at IS NULL AND ${visible}
        GROUP BY 1, 2, 3`
    : sql`SELECT h.pipeline_id AS "pipelineId", h.stage_id AS "stageId",
          ${day}::date - (h.entered_at AT TIME ZONE 'UTC')::date AS age, ${figures}
        FROM deals t JOIN deal_stage_history h ON h.workspace_id = t.workspace_id AND h.deal_id = t.id
        JOIN rates r ON r.currency = t.currency
        WHERE t.workspace_id = ${ws} AND h.workspace_id = ${ws} AND t.deleted_at IS NULL
          AND t.created_at <= ${at}::timestamptz AND (t.closed_at IS NULL OR t.closed_at > ${at}::timestamptz)
          AND h.entered_at <= ${at}::timestamptz AND (h.left_at IS NULL OR h.left_at > ${at}::timestamptz)
          AND ${visible}
        GROUP BY 1, 2, 3`;
  // Hundreds of thousands of open deals are grouped in memory rather than sorted on disk.
  return reportRead(ctx.db, (tx) =>
    rows<OpenGroup>(tx, sql`WITH rates AS MATERIALIZED (${ratesOn(ctx, day)}) ${query}`),
  );
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

/**
 * The chance that an open deal of a stage, `age` days in it, wins inside the period (`untilStart` and
 * `untilEnd` days from entering to the period's bounds): from the stage's histogram,
 *   p = #won with days in [max(untilStart, age), untilEnd) / #closed with days ≥ age.
 */
function chance(h: StageHistogram | undefined, age: number, untilStart: number, untilEnd: number): number {
  if (!h) return 0;
  // Index of a day count into the cumulative arrays (which start at day −1), clamped to the last day.
  const index = (days: number) => Math.min(Math.max(days - 1, -1), h.maxT) + 1;
  const stillOpen = h.closed - h.closedCum[index(age)];
  if (stillOpen <= 0) return 0;
  const won = h.wonCum[index(untilEnd)] - h.wonCum[index(Math.max(untilStart, age))];
  return Math.max(won, 0) / stillOpen;
}

/**
 * The statistical forecast's odds per stage. A deal open at `asOf` that entered its stage `a` days
 * before then wins inside the period with the odds the stage's histogram (`stageHistograms`) gives a
 * deal still open at age `a`. Open deals come grouped by stage and day entered, so the database returns
 * a few thousand rows whatever the number of deals; per stage, the expected value Σ p·amount and the
 * variance Σ p(1−p)·amount² of the sum of independent Bernoulli outcomes.
 */
export async function stageOdds(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  period: Period,
  asOf: Date,
  jobs: Jobs,
): Promise<StageOdds[]> {
  const day = asOf.toISOString().slice(0, 10);
  const key = (o: { pipelineId: string; stageId: string }) => `${o.pipelineId}:${o.stageId}`;
  const histograms = new Map((await stageHistograms(ctx, asOf, jobs)).map((h) => [key(h), h]));
  const odds = new Map<string, StageOdds>();
  const stageOf = (o: { pipelineId: string; stageId: string }) => {
    let found = odds.get(key(o));
    if (!found) {
      const h = histograms.get(key(o));
      found = {
        pipelineId: o.pipelineId,
        stageId: o.stageId,
        closed: h?.closed ?? 0,
        won: h?.won ?? 0,
        medianDaysToWon: h?.medianDaysToWon ?? null,
        openDeals: 0,
        expected: 0,
        variance: 0,
      };
      odds.set(key(o), found);
    }
    return found;
  };
  for (const h of histograms.values()) stageOf(h);
  for (const g of await openGroups(ctx, dealsObject, asOf)) {
    const p = chance(
      histograms.get(key(g)),
      g.age,
      g.age + daysBetween(day, period.start),
      g.age + daysBetween(day, period.end),
    );
    const stage = stageOf(g);
    stage.openDeals += g.n;
    stage.expected += p * g.s1;
    stage.variance += p * (1 - p) * g.s2;
  }
  return [...odds.values()].sort((a, b) => key(a).localeCompare(key(b)));
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
      sql`WITH rates AS MATERIALIZED (${ratesOn(ctx, at.slice(0, 10))})
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
