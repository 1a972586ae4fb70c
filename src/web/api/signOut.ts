import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { apiRequest } from './http';
import { notifyFailure } from './notify';
import { sessionQuery } from './session';

/** Signs out and leaves for the sign-in page (typed: its navigation must not feed back into the route tree's type). */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await apiRequest('/auth/logout', { method: 'POST' });
      // Leave the signed-in screens before dropping their data, so nothing refetches without a session.
      queryClient.setQueryData(sessionQuery.queryKey, null);
      await navigate({ to: '/sign-in', search: {} });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQuery.queryKey[0] });
    } catch (error) {
      notifyFailure(error, 'Could not sign out');
    }
  };
}
