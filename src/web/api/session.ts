import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionView } from '../../modules/auth/contract';
import { apiRequest } from './http';

/** The signed-in user and workspace, or null: the check answers 200 either way, so no visit logs a 401. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<SessionView | null> =>
    (await apiRequest<{ session: SessionView | null }>('/auth/session')).session,
  staleTime: 5 * 60_000,
});

export function useSession(): SessionView | null {
  return useQuery(sessionQuery).data ?? null;
}

/** A workspace that requires a second factor sends a user without one to set it up before anything else. */
export function needsTwoFactorSetup(session: SessionView | null): boolean {
  return (
    !!session &&
    session.workspace.requireTwoFactor &&
    !session.user.totpEnabled &&
    session.user.passkeys === 0
  );
}
