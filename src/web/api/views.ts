import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FilterNode } from '../../common/pagination';
import { apiRequest } from './http';

export interface SavedViewState {
  columns: string[];
  sort: string;
  filter: FilterNode | null;
  q: string | null;
}

export interface SavedView {
  id: string;
  object: string;
  name: string;
  shared: boolean;
  isDefault: boolean;
  ownerId: string;
  state: SavedViewState;
}

export type SavedViewInput = Omit<SavedView, 'id' | 'ownerId'>;

const viewsKey = (object: string) => ['views', object] as const;

export function useSavedViews(object: string) {
  return useQuery({
    queryKey: viewsKey(object),
    queryFn: () => apiRequest<{ data: SavedView[] }>(`/views?object=${object}`).then((r) => r.data),
    staleTime: 60_000,
  });
}

export function useSaveView(object: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<SavedViewInput> & { id?: string }) =>
      id
        ? apiRequest<SavedView>(`/views/${id}`, { method: 'PATCH', body: input })
        : apiRequest<SavedView>('/views', { method: 'POST', body: { ...input, object } }),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey(object) }),
  });
}

export function useDeleteView(object: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/views/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey(object) }),
  });
}
