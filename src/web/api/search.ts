import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from './http';

export interface SearchHit {
  object: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

export function useGlobalSearch(q: string, objects: string[]) {
  const term = q.trim();
  return useQuery<SearchHit[]>({
    queryKey: ['search', term, objects],
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      apiRequest<{ data: SearchHit[] }>(
        `/search?${new URLSearchParams({ q: term, objects: objects.join(','), limit: '20' })}`,
        { signal },
      ).then((r) => r.data),
  });
}

export function searchObject(object: string, q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  return apiRequest<{ data: SearchHit[] }>(
    `/search?${new URLSearchParams({ q, objects: object, limit: '10' })}`,
    { signal },
  ).then((r) => r.data);
}
