import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../web/api/http';
import type { JobState, JobView } from '../../../common/jobs';
import type { ApiKeyView, InvitationView, teamView, UserView } from '../../auth/contract';

export type Team = z.infer<typeof teamView>;
export type ApiKey = ApiKeyView;
type JobPage = { data: JobView[]; nextCursor: string | null };

/** Admin lists answer `{data: [...]}`; a bare array is accepted too. */
function rows<T>(answer: { data: T[] } | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.data;
}

function useAdminList<T>(path: string) {
  return useQuery({
    queryKey: ['admin', path],
    queryFn: ({ signal }) => apiRequest<{ data: T[] } | T[]>(path, { signal }).then(rows),
  });
}

export const useUsers = () => useAdminList<UserView>('/users');
export const useTeams = () => useAdminList<Team>('/teams');
export const useApiKeys = () => useAdminList<ApiKey>('/api-keys');
export const useInvitations = () => useAdminList<InvitationView>('/invitations');

/** A write to an admin endpoint that refreshes the lists (and metadata) it may change. */
export function useAdminWrite<TInput, TResult = unknown>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: (input: TInput) => string,
  body?: (input: TInput) => unknown,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) =>
      apiRequest<TResult>(path(input), { method, body: body ? body(input) : undefined }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: ['metadata'] });
      void client.invalidateQueries({ queryKey: ['session'] });
    },
  });
}

/** One page of the workspace's jobs in a state; refreshed while the tab is open, as jobs move on. */
export function useJobs(state: JobState, cursor: string | null) {
  const query = new URLSearchParams({ state, limit: '50', ...(cursor ? { cursor } : {}) });
  return useQuery({
    queryKey: ['admin', 'jobs', state, cursor],
    queryFn: ({ signal }) => apiRequest<JobPage>(`/admin/jobs?${query}`, { signal }),
    refetchInterval: 5000,
  });
}

export const useRetryJob = () => useAdminWrite<string, JobView>('POST', (id) => `/admin/jobs/${id}/retry`);
