import type { MissingCriterion, Pipeline } from '../contract';
import { stageOf } from './pipelines';

type DealValues = Record<string, unknown>;

const blank = (v: unknown) =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/**
 * What a deal still lacks to move from one stage to another of the same pipeline. Leaving a stage
 * forward (or to won) needs its exit criteria, and those of every open stage it skips: required fields
 * filled, checklist items ticked. Moving back needs nothing; moving to a lost stage needs only a lost reason.
 */
export function missingToMove(
  pipeline: Pipeline,
  fromStageId: unknown,
  toStageId: unknown,
  deal: DealValues,
): MissingCriterion[] {
  const to = stageOf(pipeline, toStageId);
  if (!to || fromStageId === toStageId) return [];
  if (to.stage.outcome === 'lost') return blank(deal.lostReason) ? [{ field: 'lostReason' }] : [];
  const from = stageOf(pipeline, fromStageId);
  if (!from || from.stage.outcome) return [];
  if (to.stage.outcome !== 'won' && to.index < from.index) return [];
  const left = pipeline.stages.filter(
    (s, i) => !s.outcome && i >= from.index && (to.stage.outcome === 'won' || i < to.index),
  );
  const ticked = (deal.checklist ?? {}) as Record<string, boolean>;
  const fields = new Set(left.flatMap((s) => s.requiredFields));
  const items = new Set(left.flatMap((s) => s.checklist));
  return [
    ...[...fields].filter((f) => blank(deal[f])).map((field) => ({ field })),
    ...[...items].filter((item) => ticked[item] !== true).map((checklistItem) => ({ checklistItem })),
  ];
}
