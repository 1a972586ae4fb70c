import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createViewInput, SavedView, updateViewInput, ViewState } from '../../modules/views/contract';
import { apiRequest } from './http';

export type { SavedView };
export type SavedViewState = ViewState;
export type SavedViewInput = z.input<typeof createViewInput>;
type SavedViewPatch = z.input<typeof updateViewInput>;

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
    mutationFn: (input: ({ id: string } & SavedViewPatch) | Omit<SavedViewInput, 'object'>) =>
      'id' in input
        ? apiRequest<SavedView>(`/views/${input.id}`, { method: 'PATCH', body: { ...input, id: undefined } })
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
