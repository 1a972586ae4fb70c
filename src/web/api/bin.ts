import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Page } from '../../common/pagination';
import { apiRequest, ApiError } from './http';
import type { CrmRecord } from './records';

/** A record in the recycle bin: what it was called, when and by whom it was binned. */
export interface BinEntry {
  id: string;
  title: string;
  deletedAt: string;
  deletedBy: string | null;
  record: CrmRecord;
}

/** The list's key is not a prefix of a record's, so refreshing the list never refetches a restored record's bin entry (a 404). */
export const binKeys = {
  pages: (object: string) => ['bin', object, 'pages'] as const,
  one: (object: string, id: string) => ['bin', object, id] as const,
};

export function useBinPages(object: string) {
  return useInfiniteQuery({
    queryKey: binKeys.pages(object),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<BinEntry>>(
        `/${object}/bin?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The binned record behind a missing record page, or null when it is not in the bin either. */
export function useBinnedRecord(object: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: binKeys.one(object, id),
    enabled,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return await apiRequest<BinEntry>(`/${object}/bin/${id}`, { signal });
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
        throw error;
      }
    },
  });
}

export function purgeBinned(object: string, id: string): Promise<void> {
  return apiRequest<void>(`/${object}/bin/${id}`, { method: 'DELETE' });
}
