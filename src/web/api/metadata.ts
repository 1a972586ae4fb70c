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
  return meta.fields.filter((f) => !f.retired && f.placement !== 'hidden');
}

/** The fields a form offers, in working order: the record's own first, the owner and other system fields last. */
export function editableFields(meta: ObjectMeta): FieldMeta[] {
  return fieldsInWorkingOrder(meta).filter((f) => !f.readOnly);
}

/** True when the record's name is built from first and last name (contacts). */
export function hasNameParts(meta: ObjectMeta): boolean {
  return meta.fields.some((f) => f.name === 'firstName') && meta.fields.some((f) => f.name === 'lastName');
}

const systemGroup = 'System';

/** Fields in the order people look for them: the object's own first, system fields (created, owner) last. */
export function fieldsInWorkingOrder(meta: ObjectMeta): FieldMeta[] {
  const fields = liveFields(meta);
  return [...fields.filter((f) => f.group !== systemGroup), ...fields.filter((f) => f.group === systemGroup)];
}

/** The title first, then the object's list fields, then the owner; timestamps only when chosen. */
export function defaultColumns(meta: ObjectMeta): string[] {
  const nameParts = hasNameParts(meta) ? ['firstName', 'lastName'] : [];
  const own = liveFields(meta)
    .filter(
      (f) =>
        f.placement === 'list' &&
        f.group !== systemGroup &&
        f.name !== meta.titleField &&
        !nameParts.includes(f.name),
    )
    .map((f) => f.name);
  const owner = meta.hasOwner && meta.fields.some((f) => f.name === 'ownerId') ? ['ownerId'] : [];
  return [meta.titleField, ...own, ...owner];
}
