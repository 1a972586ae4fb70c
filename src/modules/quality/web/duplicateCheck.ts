import type { ObjectMeta } from '../../../common/metadata';
import { apiRequest } from '../../../web/api/http';
import { recordTitle } from '../../../web/components/fields/recordTitle';
import { everyCustomObject, type CreateWarning, type RecordCreateCheck } from '../../../web/modules';
import type { Duplicate } from '../contract';

/** The likely duplicates of a record about to be created, with their names, for the form's warning. */
async function likelyDuplicates(meta: ObjectMeta, values: Record<string, unknown>): Promise<CreateWarning> {
  const found = await apiRequest<{ data: Duplicate[] }>(`/${meta.name}/duplicates/check`, {
    method: 'POST',
    body: values,
  });
  const top = found.data.slice(0, 5);
  const records = await Promise.all(
    top.map((d) => apiRequest<Record<string, unknown> & { id: string }>(`/${meta.name}/${d.id}`)),
  );
  return {
    title: `This ${meta.label.toLowerCase()} may already exist`,
    records: top.map((d, i) => ({
      object: meta.name,
      id: d.id,
      title: recordTitle(meta, records[i]),
      detail: `${d.reasons.join(', ')} (${Math.round(d.score * 100)}% alike)`,
    })),
  };
}

// Custom objects too: their email, phone and domain fields and their names have rules of their own.
export const duplicateChecks: RecordCreateCheck[] = ['contacts', 'accounts', everyCustomObject].map(
  (object) => ({
    object,
    check: likelyDuplicates,
  }),
);
