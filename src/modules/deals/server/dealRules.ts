import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { Conflict, ValidationFailed, type FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  draftError,
  draftRecord,
  visibleTo,
  type Draft,
  type HookScope,
  type ObjectHooks,
} from '../../../server/engine';
import {
  isoCurrency,
  minorUnitDigits,
  type DealContact,
  type ForecastCategory,
  type MissingCriterion,
  type Pipeline,
} from '../contract';
import { missingToMove } from './criteria';
import { defaultPipeline, firstOpenStage, pipelinesById, stageOf } from './pipelines';
import { setAmountsInBase } from './amountInBase';

/** The pipelines the drafts are (or will be) in, in one query. */
function pipelinesOf(scope: HookScope, drafts: Draft[]) {
  const ids = drafts
    .map((d) => draftRecord(d).pipelineId)
    .filter((id): id is string => typeof id === 'string');
  return pipelinesById(scope.tx, scope.ctx.workspace.id, ids);
}

/** The forecast category a deal's probability suggests, until someone chooses another. */
export function categoryFor(probability: number): ForecastCategory {
  if (probability >= 70) return 'commit';
  if (probability >= 40) return 'bestCase';
  return 'pipeline';
}

function moneyErrors(draft: Draft): FieldError[] {
  const { amount, currency } = draftRecord(draft);
  const errors: FieldError[] = [];
  if ('currency' in draft.changes && typeof currency === 'string' && !isoCurrency.safeParse(currency).success)
    errors.push(draftError(draft, 'currency', 'is not an ISO 4217 currency code like EUR'));
  if (typeof amount !== 'string') return errors;
  if (new Decimal(amount).isNegative()) errors.push(draftError(draft, 'amount', 'cannot be negative'));
  else if (typeof currency === 'string' && errors.length === 0) {
    const digits = minorUnitDigits(currency);
    if (new Decimal(amount).decimalPlaces() > digits)
      errors.push(draftError(draft, 'amount', `has more decimals than ${currency} has (${digits})`));
  }
  return errors;
}

/** Contacts of a deal must be visible contacts of the workspace, each once. */
async function contactErrors(scope: HookScope, drafts: Draft[]): Promise<FieldError[]> {
  const lists = drafts.map((d) => (d.changes.contacts ?? []) as DealContact[]);
  const ids = [...new Set(lists.flat().map((c) => c.contactId))];
  const contacts = scope.object.peers.get('contacts');
  if (ids.length === 0 || !contacts) return [];
  const found = await rows<{ id: string }>(
    scope.tx,
    sql`SELECT t.id FROM contacts t WHERE t.workspace_id = ${scope.ctx.workspace.id} AND t.deleted_at IS NULL
      AND t.id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND ${visibleTo(scope.ctx, contacts)}`,
  );
  const visible = new Set(found.map((r) => r.id));
  return drafts.flatMap((draft, i) => {
    const seen = new Set<string>();
    return lists[i].flatMap((c, j) => {
      const path = `contacts.${j}.contactId`;
      if (!visible.has(c.contactId))
        return [draftError(draft, path, `no contacts record with id ${c.contactId}`)];
      if (seen.has(c.contactId)) return [draftError(draft, path, 'is in the list twice')];
      seen.add(c.contactId);
      return [];
    });
  });
}

/** A deal's place in its pipeline and the values that must agree with it; answers what stops a move. */
function stageErrors(
  draft: Draft,
  pipeline: Pipeline | undefined,
): { errors: FieldError[]; missing: MissingCriterion[] } {
  const deal = draftRecord(draft);
  const none = { errors: [], missing: [] };
  if (!pipeline) return none;
  const to = stageOf(pipeline, deal.stageId);
  if (!to)
    return {
      errors: [draftError(draft, 'stageId', `is not a stage of the pipeline "${pipeline.name}"`)],
      missing: [],
    };
  const errors: FieldError[] = [];
  const category = draft.changes.forecastCategory;
  if (to.stage.outcome === 'won' && category !== undefined && category !== 'closedWon')
    errors.push(draftError(draft, 'forecastCategory', 'is closedWon for a won deal'));
  if (to.stage.outcome !== 'won' && category === 'closedWon')
    errors.push(draftError(draft, 'forecastCategory', 'can be closedWon only for a won deal'));
  if (to.stage.outcome === 'lost' && pipeline.lostReasons.length && typeof deal.lostReason === 'string')
    if (!pipeline.lostReasons.includes(deal.lostReason))
      errors.push(draftError(draft, 'lostReason', `must be one of: ${pipeline.lostReasons.join(', ')}`));
  const samePipeline = !draft.before || draft.before.pipelineId === deal.pipelineId;
  const missing = missingToMove(
    pipeline,
    samePipeline ? draft.before?.stageId : undefined,
    deal.stageId,
    deal,
  );
  const refused = to.stage.outcome === 'lost' || pipeline.enforceCriteria;
  return { errors, missing: refused ? missing : [] };
}

export const dealHooks: ObjectHooks = {
  async defaults(scope, drafts) {
    const creates = drafts.filter((d) => !d.before);
    if (creates.some((d) => !d.changes.pipelineId)) {
      const fallback = await defaultPipeline(scope.tx, scope.ctx.workspace.id);
      for (const d of creates) if (fallback) d.changes.pipelineId ??= fallback.id;
    }
    for (const d of creates) d.changes.currency ??= scope.ctx.workspace.baseCurrency;
    for (const d of drafts)
      if (typeof d.changes.currency === 'string')
        d.changes.currency = d.changes.currency.trim().toUpperCase();
    const moving = drafts.filter(
      (d) =>
        !d.changes.stageId &&
        (!d.before || (d.changes.pipelineId && d.changes.pipelineId !== d.before.pipelineId)),
    );
    const pipelines = await pipelinesOf(scope, moving);
    for (const d of moving) {
      const pipeline = pipelines.get(draftRecord(d).pipelineId as string);
      if (pipeline) d.changes.stageId = firstOpenStage(pipeline).id;
    }
  },
  async validate(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return [];
    const errors: FieldError[] = [];
    const refusals: { draft: Draft; missing: MissingCriterion[] }[] = [];
    const pipelines = await pipelinesOf(scope, drafts);
    for (const draft of drafts) {
      const deal = draftRecord(draft);
      errors.push(...moneyErrors(draft));
      for (const field of ['pipelineId', 'stageId', 'currency'])
        if (deal[field] === null || deal[field] === undefined)
          errors.push(draftError(draft, field, 'is required'));
      const p = deal.probability;
      if (typeof p === 'number' && (p < 0 || p > 100))
        errors.push(draftError(draft, 'probability', 'must be between 0 and 100'));
      const stage = stageErrors(draft, pipelines.get(deal.pipelineId as string));
      errors.push(...stage.errors);
      if (stage.missing.length) refusals.push({ draft, missing: stage.missing });
    }
    errors.push(...(await contactErrors(scope, drafts)));
    if (errors.length === 0 && refusals.length) {
      const [{ draft, missing }] = refusals;
      const where = draft.path ? ` (${draft.path})` : '';
      const what = missing.map((m) => ('field' in m ? m.field : `"${m.checklistItem}"`)).join(', ');
      throw new Conflict(`The deal${where} cannot move to this stage yet; missing: ${what}`, {
        missing,
        ...(draft.path ? { path: draft.path } : {}),
      });
    }
    return errors;
  },
  async beforeWrite(scope, drafts) {
    const pipelines = await pipelinesOf(scope, drafts);
    for (const d of drafts) {
      const deal = draftRecord(d);
      const pipeline = pipelines.get(deal.pipelineId as string);
      const to = pipeline && stageOf(pipeline, deal.stageId);
      if (!to) throw new ValidationFailed('The deal has no stage', [draftError(d, 'stageId', 'is required')]);
      const entered = !d.before || d.before.stageId !== deal.stageId;
      if (entered && !('probability' in d.changes)) d.changes.probability = to.stage.probability;
      const probability = (d.changes.probability ?? deal.probability ?? 0) as number;
      const outcome = to.stage.outcome;
      if (outcome === 'won') d.changes.forecastCategory = 'closedWon';
      else if (outcome === 'lost') d.changes.forecastCategory = 'omitted';
      else if (!('forecastCategory' in d.changes)) {
        const wasClosed =
          d.before?.forecastCategory === 'closedWon' || d.before?.forecastCategory === 'omitted';
        if (entered || wasClosed || 'probability' in d.changes || !deal.forecastCategory)
          d.changes.forecastCategory = categoryFor(probability);
      }
      if (entered) {
        const now = new Date().toISOString();
        d.changes.closedAt = outcome ? now : null;
        d.changes.stageEnteredAt = now;
      }
      const amount = d.changes.amount !== undefined ? d.changes.amount : deal.amount;
      d.changes.weightedAmount =
        typeof amount === 'string'
          ? new Decimal(amount).times(probability).dividedBy(100).toDecimalPlaces(2).toFixed(2)
          : null;
    }
    await setAmountsInBase(scope, drafts);
  },
};
