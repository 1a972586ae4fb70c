import type { ObjectMeta } from '../../../common/metadata';

/** The name a person knows a record by: a contact's full name, an account's name. */
export function recordTitle(meta: ObjectMeta | undefined, record: Record<string, unknown>): string {
  const hasNameParts =
    meta?.fields.some((f) => f.name === 'firstName') && meta.fields.some((f) => f.name === 'lastName');
  if (hasNameParts || !meta) {
    const full = [record.firstName, record.lastName]
      .filter((p) => typeof p === 'string' && p.trim())
      .join(' ');
    if (full) return full;
  }
  const title = meta ? record[meta.titleField] : (record.name ?? record.title);
  return typeof title === 'string' && title.trim()
    ? title
    : typeof title === 'number'
      ? String(title)
      : 'Untitled';
}
