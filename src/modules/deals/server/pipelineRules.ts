import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { Conflict, type FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  assertAdmin,
  draftError,
  draftRecord,
  type Draft,
  type HookScope,
  type ObjectHooks,
} from '../../../server/engine';
import { stageInput, type Stage, type StageInput } from '../contract';

/**
 * A pipeline's stages as written: at least one open stage, exactly one won and at least one lost.
 * Without any `outcome`, the last two stages are won and lost. Names are unique within the pipeline.
 */
export const stagesSchema = z
  .array(stageInput)
  .min(3, 'needs at least one open stage, a won and a lost stage')
  .max(30)
  .transform((stages): StageInput[] => {
    if (stages.some((s) => s.outcome)) return stages;
    const n = stages.length;
    return stages.map((s, i) =>
      i === n - 2 ? { ...s, outcome: 'won' } : i === n - 1 ? { ...s, outcome: 'lost' } : s,
    );
  })
  .superRefine((stages, ctx) => {
    const won = stages.filter((s) => s.outcome === 'won').length;
    if (won !== 1) ctx.addIssue({ code: 'custom', message: `needs exactly one won stage, not ${won}` });
    if (!stages.some((s) => s.outcome === 'lost'))
      ctx.addIssue({ code: 'custom', message: 'needs a lost stage' });
    if (stages.every((s) => s.outcome)) ctx.addIssue({ code: 'custom', message: 'needs an open stage' });
    const names = new Set<string>();
    stages.forEach((s, i) => {
      const key = s.name.toLowerCase();
      if (names.has(key))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'is the name of another stage' });
      names.add(key);
      if (new Set(s.checklist).size !== (s.checklist ?? []).length)
        ctx.addIssue({ code: 'custom', path: [i, 'checklist'], message: 'lists an item twice' });
    });
  });

/** Deal fields an exit criterion may require: those a writer can fill. */
function requirableFields(scope: HookScope): Set<string> {
  const deals = scope.object.peers.get('deals');
  return new Set(
    [...(deals?.full.fields.values() ?? [])]
      .filter((f) => !f.system && !f.spec.readOnly && !f.retired)
      .map((f) => f.name),
  );
}

function stageErrors(scope: HookScope, draft: Draft): FieldError[] {
  const stages = draft.changes.stages as StageInput[] | undefined;
  if (!stages) return [];
  const known = new Set(((draft.before?.stages as Stage[] | undefined) ?? []).map((s) => s.id));
  const fields = requirableFields(scope);
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  stages.forEach((s, i) => {
    if (s.id && (!known.has(s.id) || ids.has(s.id)))
      errors.push(draftError(draft, `stages.${i}.id`, `no stage with id ${s.id} in this pipeline`));
    if (s.id) ids.add(s.id);
    (s.requiredFields ?? []).forEach((f, j) => {
      if (!fields.has(f))
        errors.push(
          draftError(draft, `stages.${i}.requiredFields.${j}`, `deals have no field "${f}" to fill`),
        );
    });
  });
  return errors;
}

/** Live deals per stage of the pipelines being changed, for stages that would disappear. */
async function dealsIn(scope: HookScope, pipelineId: string, stageIds: string[]) {
  if (stageIds.length === 0) return [];
  return rows<{ stage_id: string; n: number }>(
    scope.tx,
    sql`SELECT stage_id, count(*)::int AS n FROM deals
      WHERE workspace_id = ${scope.ctx.workspace.id} AND pipeline_id = ${pipelineId} AND deleted_at IS NULL
        AND stage_id = ANY(${`{${stageIds.join(',')}}`}::uuid[])
      GROUP BY stage_id`,
  );
}

/** A stage or a pipeline that holds deals cannot go before its deals are moved elsewhere. */
async function assertNoDealsLeftBehind(scope: HookScope, draft: Draft) {
  const before = (draft.before?.stages as Stage[] | undefined) ?? [];
  const id = draft.before?.id as string;
  const kept =
    scope.operation === 'delete'
      ? new Set<string>()
      : new Set(((draft.changes.stages as StageInput[] | undefined) ?? before).map((s) => s.id));
  const removed = before.filter((s) => !kept.has(s.id));
  const holding = await dealsIn(
    scope,
    id,
    removed.map((s) => s.id),
  );
  if (holding.length === 0) return;
  const stages = holding.map((h) => ({
    id: h.stage_id,
    name: before.find((s) => s.id === h.stage_id)?.name ?? null,
    deals: h.n,
  }));
  const names = stages.map((s) => `${s.name} (${s.deals})`).join(', ');
  throw new Conflict(
    scope.operation === 'delete'
      ? `The pipeline still holds deals in ${names}: move them to another pipeline first`
      : `A stage that holds deals cannot be removed: move the deals of ${names} to another stage first`,
    { stages },
  );
}

async function otherDefaultExists(scope: HookScope, id: string) {
  const found = await rows(
    scope.tx,
    sql`SELECT 1 FROM pipelines WHERE workspace_id = ${scope.ctx.workspace.id} AND id <> ${id}
      AND is_default AND deleted_at IS NULL LIMIT 1`,
  );
  return found.length > 0;
}

export const pipelineHooks: ObjectHooks = {
  defaults(_scope, drafts) {
    for (const d of drafts)
      if (!d.before) {
        d.changes.enforceCriteria ??= false;
        d.changes.isDefault ??= false;
      }
  },
  async validate(scope, drafts) {
    assertAdmin(scope.ctx);
    const errors: FieldError[] = [];
    for (const draft of drafts) {
      errors.push(...stageErrors(scope, draft));
      if (draft.before) await assertNoDealsLeftBehind(scope, draft);
      const unsetsDefault =
        draft.before?.isDefault === true &&
        (scope.operation === 'delete' || draftRecord(draft).isDefault === false);
      if (unsetsDefault && !(await otherDefaultExists(scope, draft.before!.id as string)))
        errors.push(draftError(draft, 'isDefault', 'make another pipeline the default first'));
    }
    return errors;
  },
  beforeWrite(_scope, drafts) {
    for (const d of drafts) {
      const stages = d.changes.stages as StageInput[] | undefined;
      if (!stages) continue;
      d.changes.stages = stages.map((s): Stage => ({
        id: s.id ?? uuidv7(),
        name: s.name,
        probability: s.probability,
        ...(s.playbook ? { playbook: s.playbook } : {}),
        requiredFields: s.requiredFields ?? [],
        checklist: s.checklist ?? [],
        outcome: s.outcome ?? null,
      }));
    }
  },
  async afterWrite({ ctx, tx }, written) {
    // One default per workspace: a pipeline made the default takes over from the previous one.
    const made = written.filter((w) => w.after.isDefault === true && w.changed.includes('isDefault'));
    for (const w of made)
      await tx.execute(sql`UPDATE pipelines SET is_default = false, version = version + 1, updated_at = now()
        WHERE workspace_id = ${ctx.workspace.id} AND id <> ${w.id} AND is_default`);
  },
};
