import { sql } from 'drizzle-orm';
import { NotFound } from '../../../../common/errors';
import { rows } from '../../../../server/db/database';
import type { Pipeline } from '../../contract';
import { defaultPipeline, pipelinesById } from '../pipelines';
import { ratio, type AnalyticsScope } from './scope';

async function pipelineOf(s: AnalyticsScope): Promise<Pipeline> {
  const ws = s.ctx.workspace.id;
  const found = await s.ctx.db.read(async (x) =>
    s.pipelineId ? (await pipelinesById(x, ws, [s.pipelineId])).get(s.pipelineId) : defaultPipeline(x, ws),
  );
  if (!found) throw new NotFound(`No pipeline with id ${s.pipelineId}`);
  return found;
}

const stageList = (p: Pipeline) => `{${p.stages.map((st) => st.id).join(',')}}`;

/**
 * The conversion funnel of a pipeline's deals created in the range: how many reached each open stage
 * (or any later one, since a deal may skip stages) and the won stage, and the share of the stage before.
 */
export async function conversionFunnel(s: AnalyticsScope) {
  const pipeline = await pipelineOf(s);
  const funnelStages = pipeline.stages.filter((st) => st.outcome !== 'lost');
  const found = await s.ctx.db.read((x) =>
    rows<{ idx: number; reached: number }>(
      x,
      sql`WITH st AS (SELECT id, idx::int FROM unnest(${stageList({ ...pipeline, stages: funnelStages })}::uuid[]) WITH ORDINALITY AS u(id, idx)),
      furthest AS (
        SELECT max(st.idx) AS idx FROM deals t
        JOIN deal_stage_history h ON h.workspace_id = t.workspace_id AND h.deal_id = t.id
        JOIN st ON st.id = h.stage_id
        WHERE ${s.deals} AND t.pipeline_id = ${pipeline.id}
          AND t.created_at >= ${s.from}::date AND t.created_at < ${s.to}::date + 1
        GROUP BY t.id)
      SELECT st.idx, count(f.idx)::int AS reached FROM st LEFT JOIN furthest f ON f.idx >= st.idx
      GROUP BY st.idx ORDER BY st.idx`,
    ),
  );
  return {
    pipelineId: pipeline.id,
    stages: found.map((f, i) => ({
      stageId: funnelStages[f.idx - 1].id,
      name: funnelStages[f.idx - 1].name,
      reached: f.reached,
      conversion: i === 0 ? null : ratio(f.reached, found[i - 1].reached),
    })),
  };
}

/** Days deals spent in each open stage of a pipeline, over the stays that ended in the range. */
export async function timeInStage(s: AnalyticsScope) {
  const pipeline = await pipelineOf(s);
  const open = pipeline.stages.filter((st) => !st.outcome);
  const found = await s.ctx.db.read((x) =>
    rows<{ stageId: string; entries: number; averageDays: number | null; medianDays: number | null }>(
      x,
      sql`SELECT h.stage_id AS "stageId", count(*)::int AS entries,
          round(avg(extract(epoch FROM h.left_at - h.entered_at) / 86400), 1)::float8 AS "averageDays",
          round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.left_at - h.entered_at) / 86400))::numeric, 1)::float8 AS "medianDays"
        FROM deal_stage_history h JOIN deals t ON t.workspace_id = h.workspace_id AND t.id = h.deal_id
        WHERE h.workspace_id = ${s.ctx.workspace.id} AND h.pipeline_id = ${pipeline.id} AND ${s.deals}
          AND h.left_at >= ${s.from}::date AND h.left_at < ${s.to}::date + 1
        GROUP BY h.stage_id`,
    ),
  );
  const byStage = new Map(found.map((f) => [f.stageId, f]));
  return {
    pipelineId: pipeline.id,
    stages: open.map((st) => ({
      stageId: st.id,
      name: st.name,
      entries: byStage.get(st.id)?.entries ?? 0,
      averageDays: byStage.get(st.id)?.averageDays ?? null,
      medianDays: byStage.get(st.id)?.medianDays ?? null,
    })),
  };
}
