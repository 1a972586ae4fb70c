import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from '../../../web/api/http';
import type {
  ContactQuality,
  Duplicate,
  FieldProvenance,
  DuplicatePair,
  MergeState,
  InvalidRecords,
  ObjectQualityAnswer,
  QualityGroup,
  QualityTrend,
  RecordQuality,
  ScanState,
  ValidationRule,
  ValidationRuleInput,
} from '../contract';

export function useDuplicates(object: string, id: string) {
  return useQuery({
    queryKey: ['duplicates', object, id],
    queryFn: ({ signal }) =>
      apiRequest<{ data: Duplicate[] }>(`/${object}/${id}/duplicates`, { signal }).then((r) => r.data),
  });
}

export function useDuplicateQueue(object: string) {
  return useQuery({
    queryKey: ['duplicates', 'queue', object],
    queryFn: ({ signal }) =>
      apiRequest<{ data: DuplicatePair[]; nextCursor: string | null }>(
        `/duplicates?object=${encodeURIComponent(object)}&limit=100`,
        { signal },
      ),
  });
}

export function useScan(id: string | null) {
  return useQuery({
    queryKey: ['duplicates', 'scan', id],
    enabled: !!id,
    queryFn: ({ signal }) => apiRequest<ScanState>(`/duplicates/scans/${id}`, { signal }),
    refetchInterval: (q) =>
      q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 500,
  });
}

export const startScan = (object: string) =>
  apiRequest<ScanState>('/duplicates/scan', { method: 'POST', body: { object } });
export const dismissPair = (object: string, recordIds: [string, string]) =>
  apiRequest<void>('/duplicates/dismiss', { method: 'POST', body: { object, recordIds } });
export const mergeRecords = (
  object: string,
  body: { survivorId: string; mergedIds: string[]; values: Record<string, unknown> },
) => apiRequest<{ mergeId: string }>(`/${object}/merge`, { method: 'POST', body });
export const undoMerge = (id: string) => apiRequest<MergeState>(`/merges/${id}/undo`, { method: 'POST' });

/** After a merge or its undo every list, record and duplicate list may have changed. */
export function useRefreshAfterMerge() {
  const client = useQueryClient();
  // Duplicate lists first, so that no panel still shows (and fetches) a record merged away; then the
  // merged records leave the cache unasked, and the rest is fetched again.
  return useCallback(
    async (gone?: { object: string; ids: string[] }) => {
      await client.invalidateQueries({ queryKey: ['duplicates'] });
      for (const id of gone?.ids ?? [])
        client.removeQueries({ queryKey: ['records', gone!.object, 'one', id] });
      await client.invalidateQueries({ queryKey: ['records'] });
    },
    [client],
  );
}

export function useValidationRules(object: string) {
  return useQuery({
    queryKey: ['validationRules', object],
    queryFn: ({ signal }) =>
      apiRequest<{ data: ValidationRule[] }>(`/validation-rules?object=${encodeURIComponent(object)}`, {
        signal,
      }).then((r) => r.data),
  });
}
export const addValidationRule = (rule: ValidationRuleInput) =>
  apiRequest<ValidationRule>('/validation-rules', { method: 'POST', body: rule });
export const removeValidationRule = (id: string) =>
  apiRequest<void>(`/validation-rules/${id}`, { method: 'DELETE' });

export function useProvenance(object: string, id: string) {
  return useQuery({
    queryKey: ['records', object, 'provenance', id],
    queryFn: ({ signal }) =>
      apiRequest<{ data: FieldProvenance[] }>(`/${object}/${id}/provenance`, { signal }).then((r) => r.data),
  });
}

export function useObjectQuality(object: string) {
  return useQuery({
    queryKey: ['records', object, 'quality'],
    queryFn: ({ signal }) => apiRequest<ObjectQualityAnswer>(`/quality/objects/${object}`, { signal }),
  });
}

/** The records breaking one check of the object view, page after page. */
export function useInvalidRecords(object: string, check: string | null) {
  return useInfiniteQuery({
    queryKey: ['records', object, 'quality', 'invalid', check],
    enabled: !!check,
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      apiRequest<InvalidRecords>(
        `/quality/objects/${object}/invalid?check=${encodeURIComponent(check ?? '')}&limit=50${
          pageParam ? `&cursor=${pageParam}` : ''
        }`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useQualityGroups(object: string, by: 'owner' | 'team', enabled: boolean) {
  return useQuery({
    queryKey: ['records', object, 'quality', 'groups', by],
    queryFn: ({ signal }) =>
      apiRequest<{ data: QualityGroup[] }>(`/quality/objects/${object}/groups?by=${by}`, { signal }).then(
        (r) => r.data,
      ),
    enabled,
  });
}

export function useWorstRecords(object: string) {
  return useQuery({
    queryKey: ['records', object, 'quality', 'worst'],
    queryFn: ({ signal }) =>
      apiRequest<{ data: (RecordQuality & { title: string })[] }>(
        `/quality/worst?object=${encodeURIComponent(object)}&limit=50`,
        { signal },
      ).then((r) => r.data),
  });
}

export function useRecordQuality(object: string, id: string) {
  return useQuery({
    queryKey: ['records', object, 'quality', id],
    queryFn: ({ signal }) => apiRequest<ContactQuality>(`/${object}/${id}/quality`, { signal }),
  });
}

export function useQualityTrend(object: string) {
  return useQuery({
    queryKey: ['records', object, 'quality', 'trend'],
    queryFn: ({ signal }) => apiRequest<QualityTrend>(`/quality/objects/${object}/trend?days=90`, { signal }),
  });
}

export const takeSnapshot = (object: string) =>
  apiRequest<{ day: string; objects: string[] }>('/quality/snapshots', { method: 'POST', body: { object } });
