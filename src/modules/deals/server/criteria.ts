import type { MissingCriterion, Pipeline, Stage } from '../contract';
import { stageOf } from './pipelines';

type DealValues = Record<string, unknown>;

const blank = (v: unknown) =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** The fields a deal must have filled to close in a won or lost stage: the stage's own, and a lost reason. */
function closingFields(stage: Stage): string[] {
  return stage.outcome === 'lost' ? ['lostReason', ...stage.requiredFields] : stage.requiredFields;
}

/**
 * What a deal still lacks to move from one stage to another of the same pipeline. Leaving a stage
 * forward (or to won) needs its exit criteria, and those of every open stage it skips: required fields
 * filled, checklist items ticked. Moving back needs nothing. Closing needs the closing stage's own
 * required fields (a won reason, where the won stage asks for one); moving to a lost stage needs only
 * those and a lost reason.
 */
export function missingToMove(
  pipeline: Pipeline,
  fromStageId: unknown,
  toStageId: unknown,
  deal: DealValues,
): MissingCriterion[] {
  const to = stageOf(pipeline, toStageId);
  if (!to || fromStageId === toStageId) return [];
  const closing = (fields: string[]) => fields.filter((f) => blank(deal[f])).map((field) => ({ field }));
  if (to.stage.outcome === 'lost') return closing(closingFields(to.stage));
  const from = stageOf(pipeline, fromStageId);
  if (!from || from.stage.outcome) return to.stage.outcome ? closing(closingFields(to.stage)) : [];
  if (to.stage.outcome !== 'won' && to.index < from.index) return [];
  const left = pipeline.stages.filter(
    (s, i) => !s.outcome && i >= from.index && (to.stage.outcome === 'won' || i < to.index),
  );
  const ticked = (deal.checklist ?? {}) as Record<string, boolean>;
  const fields = new Set([
    ...left.flatMap((s) => s.requiredFields),
    ...(to.stage.outcome ? closingFields(to.stage) : []),
  ]);
  const items = new Set(left.flatMap((s) => s.checklist));
  return [
    ...closing([...fields]),
    ...[...items].filter((item) => ticked[item] !== true).map((checklistItem) => ({ checklistItem })),
  ];
}
