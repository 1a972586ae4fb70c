import { useQuery } from '@tanstack/react-query';
import type { UserView } from '../../modules/auth/contract';
import { ApiError, apiRequest } from './http';
import { useSession } from './session';

/** The workspace's people, for owner fields. Non-admins may not list users: they see only themselves. */
export function useWorkspaceUsers(): UserView[] {
  const session = useSession();
  const users = useQuery({
    queryKey: ['workspace-users'],
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async () => {
      try {
        return await apiRequest<{ data: UserView[] }>('/users').then((r) => r.data);
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return [];
        throw error;
      }
    },
  });
  const list = users.data ?? [];
  return session && !list.some((u) => u.id === session.user.id) ? [session.user, ...list] : list;
}

export function useUserName(id: string | null | undefined): string | null {
  const users = useWorkspaceUsers();
  if (!id) return null;
  return users.find((u) => u.id === id)?.name ?? null;
}

/** The workspace's teams, for team filters. */
export function useTeams(): { id: string; name: string }[] {
  const teams = useQuery({
    queryKey: ['workspace-teams'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) =>
      apiRequest<{ data: { id: string; name: string }[] }>('/teams', { signal }).then((r) => r.data),
  });
  return teams.data ?? [];
}
