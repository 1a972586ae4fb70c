import type { FieldMeta, ObjectMeta } from '../../../common/metadata';

export interface ReportField {
  value: string;
  label: string;
  type: FieldMeta['type'];
}

const groupableTypes = new Set([
  'text',
  'select',
  'boolean',
  'date',
  'datetime',
  'reference',
  'integer',
  'email',
  'domain',
  'tags',
  'multiselect',
]);
const numericTypes = new Set(['number', 'integer', 'money']);
export const isDateType = (type: string) => type === 'date' || type === 'datetime';

/**
 * The fields a report may group by: the object's own, those of the records its references point to,
 * and the records its links point to, by object (`links.contacts`: an activity's contacts).
 */
export function groupFields(meta: ObjectMeta, objects: ObjectMeta[]): ReportField[] {
  const own = meta.fields.filter((f) => !f.retired && groupableTypes.has(f.type));
  const related = meta.fields
    .filter((f) => f.type === 'reference' && f.reference && !f.retired)
    .flatMap((ref) => {
      const target = objects.find((o) => o.name === ref.reference);
      return (target?.fields ?? [])
        .filter((f) => !f.retired && groupableTypes.has(f.type) && f.type !== 'reference')
        .map((f) => ({ value: `${ref.name}.${f.name}`, label: `${ref.label} › ${f.label}`, type: f.type }));
    });
  const linked = meta.fields
    .filter((f) => (f.type === 'links' || f.type === 'link') && !f.retired)
    .flatMap((links) =>
      objects.map((o) => ({
        value: `${links.name}.${o.name}`,
        label: `${links.label} › ${o.label}`,
        type: 'reference' as const,
      })),
    );
  return [...own.map((f) => ({ value: f.name, label: f.label, type: f.type })), ...related, ...linked];
}

export function measureFields(meta: ObjectMeta, fn: string): ReportField[] {
  return meta.fields
    .filter(
      (f) =>
        !f.retired &&
        (fn === 'distinctCount' || fn === 'count'
          ? f.type !== 'json'
          : numericTypes.has(f.type) || ((fn === 'min' || fn === 'max') && isDateType(f.type))),
    )
    .map((f) => ({ value: f.name, label: f.label, type: f.type }));
}

export const dateFields = (meta: ObjectMeta): ReportField[] =>
  meta.fields
    .filter((f) => !f.retired && isDateType(f.type))
    .map((f) => ({ value: f.name, label: f.label, type: f.type }));
