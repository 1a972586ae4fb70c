import { ValidationFailed } from '../../common/errors';
import type { FieldAccess, FieldAccessLevel, SelectOption } from '../../common/metadata';
import type { Role } from '../../modules/auth/contract';
import type { ResolvedField, ResolvedObject } from './resolved';

/** An admin's settings of one field: access per role, and the options of a built-in select field. */
export interface FieldSetting {
  access: FieldAccess;
  options: SelectOption[] | null;
  /** whether the field's changes show on timelines, where the admin chose; the declaration's choice otherwise */
  timeline: boolean | null;
}

/** Who reads the objects: a role, or the system itself (every field; what the write path stores through). */
export type Reader = Role | null;

export function accessLevel(setting: FieldSetting | undefined, reader: Reader): FieldAccessLevel {
  if (!setting || reader === null || reader === 'admin') return 'edit';
  return setting.access[reader] ?? 'edit';
}

/**
 * The object as one role sees it: hidden fields are gone (so they are unknown to filters, sorts,
 * aggregates, exports and record JSON alike), read-only ones cannot be written, and what is computed
 * from a hidden field is hidden too. Changes the fields of a freshly resolved object in place.
 */
export function restrictFields(
  object: ResolvedObject,
  settings: ReadonlyMap<string, FieldSetting>,
  reader: Reader,
): void {
  const hidden = new Set<string>();
  for (const [name, field] of object.fields) {
    const level = accessLevel(settings.get(name), reader);
    if (level === 'hidden') hidden.add(name);
    else if (level === 'read') object.fields.set(name, { ...field, spec: { ...field.spec, readOnly: true } });
  }
  for (const [name, field] of object.fields) {
    if (field.dependsOn?.some((d) => hidden.has(d))) hidden.add(name);
  }
  for (const name of hidden) object.fields.delete(name);
}

/**
 * What would reveal a field its reader may not see on another object is hidden too: a value stored from
 * it (`derivedFrom`: an order's margin from cost prices), then a rollup over it or over such a value.
 */
export function hideWhatRevealsHiddenFields(objects: ReadonlyMap<string, ResolvedObject>): void {
  const seen = (object: string, field: string) => objects.get(object)?.fields.has(field) ?? false;
  for (const object of objects.values()) {
    for (const [name, field] of object.fields) {
      if (field.spec.derivedFrom?.some((d) => !seen(d.object, d.field))) object.fields.delete(name);
    }
  }
  for (const object of objects.values()) {
    for (const [name, field] of object.fields) {
      const rollup = field.computed && 'rollup' in field.computed ? field.computed.rollup : null;
      if (!rollup) continue;
      const related = objects.get(rollup.object);
      const reads = [rollup.via, ...(rollup.field ? [rollup.field] : [])];
      if (!related || reads.some((f) => !related.fields.has(f))) object.fields.delete(name);
    }
  }
}

const systemFieldNames = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** An access setting an admin may save: not on system fields, not hiding or freezing a required field. */
export function checkAccessSetting(field: ResolvedField, access: FieldAccess): void {
  if (systemFieldNames.has(field.name))
    throw new ValidationFailed(`${field.name} is a system field: every role sees it`, [
      { path: 'access', message: `${field.name} is a system field: every role sees it` },
    ]);
  const restricted = Object.entries(access).filter(([, level]) => level !== 'edit');
  if (field.spec.required && restricted.length) {
    throw new ValidationFailed('A required field must stay editable', [
      {
        path: `access.${restricted[0][0]}`,
        message: `${field.name} is required: every role that creates records must be able to fill it in`,
      },
    ]);
  }
}
