import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../server/db/database';
import type { Jobs } from '../../../../server/jobs/queue';
import type { Platform } from '../../../../server/platform';
import type { RequestContext, Subscription } from '../../../../server/engine';

/**
 * How one stage's deals ended, from the stage history of deals closed (won or lost) in the two years
 * before a day: cumulative counts by days from entering the stage to closing, from day −1 to `maxT`.
 */
export interface StageHistogram {
  pipelineId: string;
  stageId: string;
  maxT: number;
  closed: number;
  won: number;
  /** cumulative won and closed counts; index 0 is day −1 */
  wonCum: number[];
  closedCum: number[];
  medianDaysToWon: number | null;
}

/** The closed deals a histogram of `asOf` is built from: those closed in the two years before it. */
const closedWindow = (ws: string, day: string, at: string) =>
  sql`t.workspace_id = ${ws} AND t.deleted_at IS NULL
    AND t.closed_at >= ${day}::date - interval '730 days' AND t.closed_at < ${at}::timestamptz`;

function histogramSql(ws: string, day: string, at: string) {
  return sql`WITH hist AS (
      SELECT h.pipeline_id, h.stage_id, t.forecast_category = 'closedWon' AS won,
        floor(extract(epoch FROM t.closed_at - h.entered_at) / 86400)::int AS t
      FROM deals t JOIN deal_stage_history h ON h.workspace_id = t.workspace_id AND h.deal_id = t.id
      WHERE ${closedWindow(ws, day, at)} AND h.workspace_id = ${ws}
        AND h.left_at IS NOT NULL AND h.left_at <= t.closed_at),
    counts AS (
      SELECT pipeline_id, stage_id, t, count(*) FILTER (WHERE won) AS won, count(*) AS closed
      FROM hist GROUP BY 1, 2, 3),
    totals AS (
      SELECT pipeline_id, stage_id, sum(won) AS won, sum(closed) AS closed, max(t) AS max_t
      FROM counts GROUP BY 1, 2),
    dense AS (
      SELECT s.pipeline_id, s.stage_id, s.won AS total_won, g.t,
        coalesce(sum(c.won) OVER w, 0)::int AS cum_won, coalesce(sum(c.closed) OVER w, 0)::int AS cum_closed
      FROM totals s CROSS JOIN LATERAL generate_series(-1, s.max_t) AS g(t)
      LEFT JOIN counts c ON c.pipeline_id = s.pipeline_id AND c.stage_id = s.stage_id AND c.t = g.t
      WINDOW w AS (PARTITION BY s.pipeline_id, s.stage_id ORDER BY g.t))
    SELECT d.pipeline_id AS "pipelineId", d.stage_id AS "stageId", max(d.t) AS "maxT",
      max(d.cum_closed) AS closed, max(d.total_won)::int AS won,
      array_agg(d.cum_won ORDER BY d.t) AS "wonCum", array_agg(d.cum_closed ORDER BY d.t) AS "closedCum",
      min(d.t) FILTER (WHERE d.total_won > 0 AND d.cum_won * 2 >= d.total_won) AS "medianDaysToWon"
    FROM dense d GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** The workspace's close version: it moves whenever a deal closes, reopens, or a closed one is deleted or restored. */
async function closeVersion(x: Executor, ws: string): Promise<number> {
  const [found] = await rows<{ version: number }>(
    x,
    sql`SELECT version FROM deal_close_versions WHERE workspace_id = ${ws}`,
  );
  return found?.version ?? 0;
}

/** Moves the close version when a write changes which deals are closed (in the write's transaction). */
export const closedDealsSubscription: Subscription = {
  object: 'deals',
  hooks: {
    async afterWrite(scope, written) {
      const moves = written.some((w) =>
        w.operation === 'delete' || w.operation === 'restore'
          ? w.after.closedAt != null
          : (w.before?.closedAt ?? null) !== (w.after.closedAt ?? null),
      );
      if (!moves) return;
      await scope.tx.execute(
        sql`INSERT INTO deal_close_versions (workspace_id, version) VALUES (${scope.ctx.workspace.id}, 1)
          ON CONFLICT (workspace_id) DO UPDATE SET version = deal_close_versions.version + 1`,
      );
    },
  },
};

/** Builds and keeps a workspace's histograms as of a moment, at the close version it read first. */
async function buildHistograms(db: Database, ws: string, asOf: Date): Promise<StageHistogram[]> {
  const at = asOf.toISOString();
  const day = at.slice(0, 10);
  return db.write(async (tx) => {
    const version = await closeVersion(tx, ws);
    const stages = await rows<StageHistogram>(tx, histogramSql(ws, day, at));
    await tx.execute(
      sql`INSERT INTO forecast_histograms (workspace_id, day, close_version, stages)
        VALUES (${ws}, ${day}::date, ${version}, ${JSON.stringify(stages)}::jsonb)
        ON CONFLICT (workspace_id, day) DO UPDATE
          SET close_version = excluded.close_version, stages = excluded.stages, computed_at = now()`,
    );
    return stages;
  });
}

export const histogramsJob = 'deals.forecast-histograms';

/**
 * Builds kept histograms again off the request path: for one workspace and moment when asked, and
 * every night at 00:10 UTC today's for every workspace, so the day's first forecast finds them ready.
 */
export function defineHistogramsJob(platform: Platform): void {
  platform.jobs.define<{ workspaceId?: string; asOf?: string }>(
    histogramsJob,
    async ({ workspaceId, asOf }) => {
      const at = asOf ? new Date(asOf) : new Date();
      const workspaces = workspaceId
        ? [workspaceId]
        : (
            await platform.db.read((x) => rows<{ id: string }>(x, sql`SELECT id FROM workspaces ORDER BY id`))
          ).map((w) => w.id);
      for (const ws of workspaces) await buildHistograms(platform.db, ws, at);
    },
    { cron: '10 0 * * *', policy: 'stately', retryLimit: 3, expireInSeconds: 3600 },
  );
}

/**
 * The stage histograms as of a moment. Building them reads every closed deal's stage history (seconds
 * for a million deals), so they are kept per workspace and day. Kept ones are answered at once; when a
 * deal has closed, reopened, or been deleted or restored since they were built (or, for today, when only
 * an earlier day's are kept), a job builds them again for the next forecast. Only when none are kept
 * is the forecast built while the caller waits.
 */
export async function stageHistograms(
  ctx: RequestContext,
  asOf: Date,
  jobs: Jobs,
): Promise<StageHistogram[]> {
  const ws = ctx.workspace.id;
  const at = asOf.toISOString();
  const day = at.slice(0, 10);
  const current = asOf.getTime() >= Date.now() - 60_000;
  const kept = await ctx.db.read(async (x) => {
    const version = await closeVersion(x, ws);
    const [row] = await rows<{ day: string; version: number; stages: StageHistogram[] }>(
      x,
      sql`SELECT day::text AS day, close_version AS version, stages FROM forecast_histograms
        WHERE workspace_id = ${ws} AND ${current ? sql`day <= ${day}::date` : sql`day = ${day}::date`}
        ORDER BY day DESC LIMIT 1`,
    );
    return { version, row };
  });
  if (!kept.row) return buildHistograms(ctx.db, ws, asOf);
  if (kept.row.day !== day || kept.row.version !== kept.version)
    await jobs.send(
      histogramsJob,
      { workspaceId: ws, asOf: current ? undefined : at },
      { singletonKey: `${ws}:${current ? 'today' : day}` },
    );
  return kept.row.stages;
}
