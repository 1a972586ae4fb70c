import type { FilterNode } from '../../common/pagination';
import { apiRequest } from './http';

/** Which records a bulk action is about: the rows ticked, or everything the list's filter and search match. */
export interface BulkScope {
  filter?: FilterNode;
  q?: string;
  count: number;
}

export const scopeOfIds = (ids: string[]): BulkScope => ({
  filter: { field: 'id', op: 'in', value: ids },
  count: ids.length,
});

type Previous = { id: string } & Record<string, unknown>;

export function setOnMatching(object: string, scope: BulkScope, set: Record<string, unknown>) {
  return apiRequest<{ matched: number; previous: Previous[] }>(`/${object}/bulk/matching`, {
    method: 'POST',
    body: { filter: scope.filter, q: scope.q || undefined, set },
  });
}

export function deleteMatching(object: string, scope: BulkScope) {
  return apiRequest<{ matched: number; deleted: string[] }>(`/${object}/bulk/matching`, {
    method: 'POST',
    body: { filter: scope.filter, q: scope.q || undefined, delete: true },
  });
}

/** An undo: the replaced values, or the binned ids, sent back 1,000 at a time (the bulk call's limit). */
export async function undoBulk(object: string, undo: { update: Previous[] } | { restore: string[] }) {
  const rows: unknown[] = 'update' in undo ? undo.update : undo.restore;
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    await apiRequest(`/${object}/bulk`, {
      method: 'POST',
      body: 'update' in undo ? { update: part } : { restore: part },
    });
  }
}
