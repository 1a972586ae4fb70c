import type { FieldError } from '../../../common/errors';
import { assertAdmin, draftError, draftRecord, type ObjectHooks } from '../../../server/engine';
import type { DashboardTile, ReportDefinition } from '../contract';
import { measureById } from './measures/catalogue';
import { settingsOf } from './settings';

/** Objectives are set by admins; the start is the go-live date unless given; rates are fractions. */
export const objectiveHooks: ObjectHooks = {
  async defaults(scope, drafts) {
    const creates = drafts.filter((d) => !d.before && d.changes.startDate == null);
    if (creates.length === 0) return;
    const { goLive } = await settingsOf(scope.tx, scope.ctx.workspace.id);
    for (const draft of creates) draft.changes.startDate = goLive;
  },
  validate(scope, drafts) {
    assertAdmin(scope.ctx);
    const errors: FieldError[] = [];
    for (const draft of drafts) {
      const record = draftRecord(draft);
      const start = String(record.startDate ?? '');
      const due = String(record.dueDate ?? '');
      if (start && due && due <= start)
        errors.push(draftError(draft, 'dueDate', `must be after the start date (${start})`));
      const measure = measureById.get(String(record.measure));
      if (measure?.unit !== 'fraction') continue;
      for (const field of ['baseline', 'target'] as const)
        if (record[field] != null && (Number(record[field]) < 0 || Number(record[field]) > 1))
          errors.push(
            draftError(draft, field, 'is a rate: write it as a fraction from 0 to 1 (0.25 for 25%)'),
          );
    }
    return errors;
  },
};

/** A report names an object of the workspace; its fields are checked when it runs, for the caller's role. */
export const reportHooks: ObjectHooks = {
  validate(scope, drafts) {
    return drafts.flatMap((draft) => {
      const definition = draftRecord(draft).definition as ReportDefinition | undefined;
      if (!definition || scope.object.peers.has(definition.object)) return [];
      return [draftError(draft, 'definition.object', `no object named ${definition.object}`)];
    });
  },
};

/** A dashboard's measure tiles name measures of the catalogue, each tile id once. */
export const dashboardHooks: ObjectHooks = {
  validate(_scope, drafts) {
    return drafts.flatMap((draft) => {
      const tiles = (draft.changes.tiles ?? []) as DashboardTile[];
      const seen = new Set<string>();
      return tiles.flatMap((tile, i) => {
        const errors: FieldError[] = [];
        if (tile.kind === 'measure' && !measureById.has(tile.ref))
          errors.push(draftError(draft, `tiles.${i}.ref`, `no measure named ${tile.ref}`));
        if (seen.has(tile.id)) errors.push(draftError(draft, `tiles.${i}.id`, 'is in the list twice'));
        seen.add(tile.id);
        return errors;
      });
    });
  },
};
