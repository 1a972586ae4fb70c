import {
  type InfiniteData,
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { FilterNode, Page } from '../../common/pagination';
import { apiRequest } from './http';

/** A record as the API answers it: system fields plus the object's own fields, flat. */
export interface CrmRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  ownerId?: string | null;
  [field: string]: unknown;
}

export interface ListState {
  sort?: string;
  filter?: FilterNode;
  q?: string;
}

export interface HistoryEntry {
  at: string;
  actor: { type: string; id: string | null; name: string | null };
  source?: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

export const pageSize = 100;

export const recordKeys = {
  all: (object: string) => ['records', object] as const,
  list: (object: string, state: ListState) => ['records', object, 'list', state] as const,
  one: (object: string, id: string) => ['records', object, 'one', id] as const,
  history: (object: string, id: string) => ['records', object, 'history', id] as const,
};

/** Keyset pages of a list; the first page also asks for the total. */
export function recordPagesOptions(object: string, state: ListState) {
  return infiniteQueryOptions({
    queryKey: recordKeys.list(object, state),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CrmRecord>>(`/${object}/query`, {
        method: 'POST',
        signal,
        body: {
          limit: pageSize,
          cursor: pageParam ?? undefined,
          sort: state.sort || undefined,
          filter: state.filter,
          q: state.q || undefined,
          count: pageParam === null,
        },
      }),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
}

export function useRecordPages(object: string, state: ListState) {
  return useInfiniteQuery(recordPagesOptions(object, state));
}

export function useRecord(object: string, id: string) {
  return useQuery({
    queryKey: recordKeys.one(object, id),
    queryFn: ({ signal }) => apiRequest<CrmRecord>(`/${object}/${id}`, { signal }),
  });
}

export function useRecordHistory(object: string, id: string) {
  return useQuery({
    queryKey: recordKeys.history(object, id),
    queryFn: ({ signal }) =>
      apiRequest<{ data: HistoryEntry[] }>(`/${object}/${id}/history`, { signal }).then((r) => r.data),
  });
}

export function fetchRecord(object: string, id: string): Promise<CrmRecord> {
  return apiRequest<CrmRecord>(`/${object}/${id}`);
}

export interface RecordPatch {
  id: string;
  version: number;
  changes: Record<string, unknown>;
}

/** PATCH with If-Match, so an edit on a stale version answers 412 instead of overwriting. */
export function useUpdateRecord(object: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: RecordPatch) =>
      apiRequest<CrmRecord>(`/${object}/${id}`, {
        method: 'PATCH',
        body: changes,
        headers: { 'If-Match': `"${version}"` },
      }),
    onSuccess: (record) => {
      client.setQueryData(recordKeys.one(object, record.id), record);
      // Patch loaded list pages in place: refetching every page of a long list would jump the grid.
      client.setQueriesData<InfiniteData<Page<CrmRecord>>>(
        { queryKey: ['records', object, 'list'] },
        (data) =>
          data
            ? {
                ...data,
                pages: data.pages.map((p) => ({
                  ...p,
                  data: p.data.map((r) => (r.id === record.id ? record : r)),
                })),
              }
            : data,
      );
      void client.invalidateQueries({ queryKey: recordKeys.history(object, record.id) });
    },
  });
}

export function useCreateRecord(object: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      apiRequest<CrmRecord>(`/${object}`, { method: 'POST', body: values }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records'] }),
  });
}

export async function restoreRecords(object: string, ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => apiRequest(`/${object}/${id}/restore`, { method: 'POST' })));
}

export async function deleteRecord(object: string, id: string): Promise<void> {
  await apiRequest(`/${object}/${id}`, { method: 'DELETE' });
}
