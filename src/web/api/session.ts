import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionView } from '../../modules/auth/contract';
import { ApiError, apiRequest } from './http';

/** The signed-in user and workspace, or null when nobody is signed in. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<SessionView | null> => {
    try {
      return await apiRequest<SessionView>('/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useSession(): SessionView | null {
  return useQuery(sessionQuery).data ?? null;
}
