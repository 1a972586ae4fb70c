import { useQuery } from '@tanstack/react-query';
import type { Page } from '../../../common/pagination';
import { apiRequest } from '../../api/http';
import type { CrmRecord } from '../../api/records';

type Waiter = { resolve: (record: CrmRecord | null) => void; reject: (error: unknown) => void };
const pending = new Map<string, Map<string, Waiter[]>>();

/** Referenced records shown in one render are fetched in one query, not one request per row. */
function loadReferenced(object: string, id: string): Promise<CrmRecord | null> {
  return new Promise((resolve, reject) => {
    let batch = pending.get(object);
    if (!batch) {
      batch = new Map();
      pending.set(object, batch);
      setTimeout(() => void flush(object), 10);
    }
    batch.set(id, [...(batch.get(id) ?? []), { resolve, reject }]);
  });
}

async function flush(object: string): Promise<void> {
  const batch = pending.get(object);
  pending.delete(object);
  if (!batch) return;
  const ids = [...batch.keys()];
  try {
    const page = await apiRequest<Page<CrmRecord>>(`/${object}/query`, {
      method: 'POST',
      body: { filter: { field: 'id', op: 'in', value: ids }, limit: Math.min(500, ids.length) },
    });
    const byId = new Map(page.data.map((r) => [r.id, r]));
    batch.forEach((waiters, id) => waiters.forEach((w) => w.resolve(byId.get(id) ?? null)));
  } catch {
    // The object may not filter by id: fall back to one read each.
    batch.forEach((waiters, id) => {
      apiRequest<CrmRecord>(`/${object}/${id}`).then(
        (r) => waiters.forEach((w) => w.resolve(r)),
        () => waiters.forEach((w) => w.resolve(null)),
      );
    });
  }
}

export function useReferencedRecord(object: string | undefined, id: string | null | undefined) {
  return useQuery({
    queryKey: ['records', object, 'one', id],
    enabled: Boolean(object && id),
    staleTime: 5 * 60_000,
    queryFn: () => loadReferenced(object as string, id as string),
  });
}
