import { sql } from 'drizzle-orm';
import { DuplicateRefused, type FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { draftError, tableAlias, tableOf, type Draft, type HookScope } from '../../../server/engine';
import { arrayItem, keySql, keyText } from '../../imports/server';
import type { ValidationRuleInput } from '../contract';

const containable = new Set(['email', 'phone', 'domain']);
const isEmpty = (value: unknown) => value === null || value === undefined || String(value).trim() === '';

/**
 * The admins' blocking duplicate rules: a draft whose value an existing record (outside the recycle
 * bin, whoever may see it) or an earlier draft of the batch already holds is refused with 409, naming
 * the record it would duplicate. Values compare as imports match them (case and outer spaces aside);
 * only drafts that set the field are checked.
 */
export async function refuseDuplicates(
  scope: HookScope,
  rules: ValidationRuleInput[],
  drafts: Draft[],
): Promise<void> {
  const object = scope.object.full;
  const t = tableAlias(object.alias);
  const errors: FieldError[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'unique' || !object.fields.has(rule.field)) continue;
    const setting = drafts.filter(
      (d) => Object.hasOwn(d.changes, rule.field) && !isEmpty(d.changes[rule.field]),
    );
    if (!setting.length) continue;
    const keys = [...new Set(setting.map((d) => keyText(d.changes[rule.field])))];
    const updating = setting.flatMap((d) => (d.before ? [String(d.before.id)] : []));
    const key = keySql(object, rule.field);
    const field = object.fields.get(rule.field)!;
    // A custom object's email, phone or domain is stored normalised (lowercase, E.164): the drafts'
    // values find their holders by containment, through the GIN index of custom_records.custom.
    const contained =
      object.declaration.custom && field.custom && containable.has(field.spec.type)
        ? sql`AND (${sql.join(
            [...new Set(setting.map((d) => String(d.changes[rule.field])))].map(
              (v) => sql`${t}.custom @> ${JSON.stringify({ [rule.field]: v })}::jsonb`,
            ),
            sql` OR `,
          )})`
        : sql``;
    const holders = await rows<{ id: string; k: string }>(
      scope.tx,
      sql`SELECT DISTINCT ON (${key}) ${t}.id, ${key} AS k FROM ${tableOf(object)}
        WHERE ${t}.workspace_id = ${scope.ctx.workspace.id} AND ${t}.deleted_at IS NULL
          ${contained} AND ${key} = ANY(${`{${keys.map(arrayItem).join(',')}}`}::text[])
          ${updating.length ? sql`AND ${t}.id <> ALL(${`{${updating.join(',')}}`}::uuid[])` : sql``}
        ORDER BY ${key}, ${t}.id`,
    );
    const label = object.declaration.label.toLowerCase();
    const held = new Map(holders.map((h) => [h.k, `another ${label} (${h.id})`]));
    for (const draft of setting) {
      const k = keyText(draft.changes[rule.field]);
      const holder = held.get(k);
      if (holder) errors.push(draftError(draft, rule.field, rule.message ?? `is already used by ${holder}`));
      else held.set(k, `${draft.path || 'another row'} of this batch`);
    }
  }
  if (errors.length)
    throw new DuplicateRefused(
      `${errors.length} record(s) would duplicate an existing one, which a rule of this workspace refuses`,
      errors,
    );
}
