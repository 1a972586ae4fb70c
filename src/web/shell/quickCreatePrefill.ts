import type { ObjectMeta } from '../../common/metadata';

/** What the palette's "New …" action carries over from the typed text into the new form. */
export function quickCreatePrefill(meta: ObjectMeta, typed: string): Record<string, unknown> {
  const text = typed.trim();
  if (!text) return {};
  const writable = (name: string) => meta.fields.some((f) => f.name === name && !f.readOnly);
  if (writable('firstName') && writable('lastName')) {
    const parts = text.split(/\s+/);
    return parts.length > 1
      ? { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] }
      : { lastName: text };
  }
  return writable(meta.titleField) ? { [meta.titleField]: text } : {};
}
