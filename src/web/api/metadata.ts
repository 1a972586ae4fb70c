import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FieldMeta, ObjectMeta } from '../../common/metadata';
import { apiRequest } from './http';

export const objectsQuery = queryOptions({
  queryKey: ['metadata', 'objects'],
  queryFn: () => apiRequest<{ data: ObjectMeta[] }>('/metadata/objects').then((r) => r.data),
  staleTime: 10 * 60_000,
});

export function useObjects(): ObjectMeta[] {
  return useQuery(objectsQuery).data ?? [];
}

export function useObjectMeta(name: string): ObjectMeta | undefined {
  return useObjects().find((o) => o.name === name);
}

/** Fields a person works with: retired and hidden ones are left out. */
export function liveFields(meta: ObjectMeta): FieldMeta[] {
  return meta.fields.filter((f) => !f.retired && f.visibility !== 'hidden');
}

export function editableFields(meta: ObjectMeta): FieldMeta[] {
  return liveFields(meta).filter((f) => !f.readOnly);
}

export function defaultColumns(meta: ObjectMeta): string[] {
  const list = liveFields(meta)
    .filter((f) => f.visibility === 'list')
    .map((f) => f.name);
  return list.includes(meta.titleField) ? list : [meta.titleField, ...list];
}
