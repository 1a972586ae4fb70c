import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows, type Executor } from '../../../server/db/database';
import type { Pipeline, Stage } from '../contract';

interface PipelineRow {
  id: string;
  name: string;
  enforce_criteria: boolean;
  is_default: boolean;
  stages: Stage[];
  lost_reasons: string[];
  stale_after_days: number | null;
  version: number;
}

const pipelineOf = (r: PipelineRow): Pipeline => ({
  id: r.id,
  name: r.name,
  enforceCriteria: r.enforce_criteria,
  isDefault: r.is_default,
  stages: r.stages,
  lostReasons: r.lost_reasons,
  staleAfterDays: r.stale_after_days,
  version: r.version,
});

const columns = sql`id, name, enforce_criteria, is_default, stages, lost_reasons, stale_after_days, version`;

/** The live pipelines of a workspace with these ids, by id (pipelines are visible to everyone in it). */
export async function pipelinesById(
  tx: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, Pipeline>> {
  if (ids.length === 0) return new Map();
  const found = await rows<PipelineRow>(
    tx,
    sql`SELECT ${columns} FROM pipelines
      WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL AND id = ANY(${`{${[...new Set(ids)].join(',')}}`}::uuid[])`,
  );
  return new Map(found.map((r) => [r.id, pipelineOf(r)]));
}

/** The workspace's default pipeline, where deals without one go. */
export async function defaultPipeline(tx: Executor, workspaceId: string): Promise<Pipeline | null> {
  const [found] = await rows<PipelineRow>(
    tx,
    sql`SELECT ${columns} FROM pipelines
      WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL AND is_default ORDER BY created_at LIMIT 1`,
  );
  return found ? pipelineOf(found) : null;
}

/** The stage of a pipeline, and where it is in the order. */
export function stageOf(pipeline: Pipeline, stageId: unknown): { stage: Stage; index: number } | null {
  const index = pipeline.stages.findIndex((s) => s.id === stageId);
  return index < 0 ? null : { stage: pipeline.stages[index], index };
}

/** The stage a new deal starts in: the first open one. */
export function firstOpenStage(pipeline: Pipeline): Stage {
  return pipeline.stages.find((s) => !s.outcome) ?? pipeline.stages[0];
}

/** The stages every new workspace starts with: a common B2B sales process, criteria advisory. */
export function newBusinessStages(): Stage[] {
  const stage = (name: string, probability: number, extra: Partial<Stage> = {}): Stage => ({
    id: uuidv7(),
    name,
    probability,
    requiredFields: [],
    checklist: [],
    outcome: null,
    ...extra,
  });
  return [
    stage('Qualification', 10, {
      playbook: 'Confirm the need, the budget, who decides and by when.',
      requiredFields: ['amount', 'closeDate'],
    }),
    stage('Discovery', 25, {
      playbook: 'Map the decision process and meet the decision maker.',
      checklist: ['Decision maker identified'],
    }),
    stage('Proposal', 50, {
      playbook: 'Send a proposal that answers what discovery found, and agree the next step.',
      checklist: ['Proposal sent'],
    }),
    stage('Negotiation', 75, { playbook: 'Agree terms and the signing date; involve legal early.' }),
    stage('Closed won', 100, { outcome: 'won', requiredFields: ['wonReason'] }),
    stage('Closed lost', 0, { outcome: 'lost' }),
  ];
}

/** Gives a workspace its default pipeline (new workspaces, and those from before pipelines existed). */
export async function insertDefaultPipeline(tx: Executor, workspaceId: string): Promise<void> {
  const stages = JSON.stringify(newBusinessStages());
  await tx.execute(sql`INSERT INTO pipelines (workspace_id, id, name, enforce_criteria, is_default, stages, search_text)
    SELECT ${workspaceId}, ${uuidv7()}, 'New business', false, true, ${stages}::jsonb, 'new business'
    WHERE NOT EXISTS (SELECT 1 FROM pipelines WHERE workspace_id = ${workspaceId} AND is_default AND deleted_at IS NULL)`);
}

/** Every workspace without a default pipeline gets one; run at start, so existing workspaces have one too. */
export async function insertMissingDefaultPipelines(tx: Executor): Promise<void> {
  const lacking = await rows<{ id: string }>(
    tx,
    sql`SELECT w.id FROM workspaces w WHERE NOT EXISTS
      (SELECT 1 FROM pipelines p WHERE p.workspace_id = w.id AND p.is_default AND p.deleted_at IS NULL)`,
  );
  for (const w of lacking) await insertDefaultPipeline(tx, w.id);
}
