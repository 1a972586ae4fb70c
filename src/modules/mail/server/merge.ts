import { ValidationFailed, type FieldError } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { mergeFieldPattern } from '../contract';

/** The records a template is filled from, and the fields each may name (hidden fields are unknown). */
export interface MergeSources {
  records: Record<string, Record<string, unknown> | null>;
  fields: Record<string, ReadonlySet<string>>;
}

const systemFields = new Set(['id', 'createdAt', 'updatedAt']);

/** The merge fields of a text that name no object or no field of it. */
export function unknownMergeFields(text: string, fields: MergeSources['fields']): string[] {
  return [...text.matchAll(mergeFieldPattern)]
    .filter(([, object, field]) => !fields[object] || !(fields[object].has(field) || systemFields.has(field)))
    .map(([whole]) => whole);
}

export function assertMergeFields(parts: Record<string, string>, fields: MergeSources['fields']): void {
  const errors: FieldError[] = Object.entries(parts).flatMap(([path, text]) =>
    unknownMergeFields(text, fields).map((field) => ({
      path,
      message: `${field} is no merge field; use ${Object.keys(fields)
        .map((o) => `{{${o}.<field>}}`)
        .join(', ')}`,
    })),
  );
  if (errors.length) throw new ValidationFailed('The email names merge fields that do not exist', errors);
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Fills `{{object.field}}`; a record that is absent (no account) or a value that is empty gives ''. */
export function fillMergeFields(text: string, sources: MergeSources, format: 'text' | 'html'): string {
  return text.replace(mergeFieldPattern, (_whole, object: string, field: string) => {
    const value = display(sources.records[object]?.[field]);
    return format === 'html' ? escapeHtml(value) : value;
  });
}

/** The fields templates may name: the caller's visible contact and account fields, and the sender's name and email. */
export async function mergeFieldNames(
  platform: Platform,
  ctx: RequestContext,
): Promise<MergeSources['fields']> {
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  return {
    contact: new Set(objects.get('contacts')!.fields.keys()),
    account: new Set(objects.get('accounts')!.fields.keys()),
    user: new Set(['name', 'email']),
  };
}
