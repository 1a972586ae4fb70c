import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import { sessionQuery } from '../../../web/api/session';
import type { SessionEntry, SessionView, TotpSetupView, TwoFactorStatus } from '../contract';

const twoFactorKey = ['auth', 'two-factor'];
const sessionsKey = ['auth', 'sessions'];

export const useTwoFactorStatus = () =>
  useQuery({
    queryKey: twoFactorKey,
    queryFn: ({ signal }) => apiRequest<TwoFactorStatus>('/auth/two-factor', { signal }),
  });

export const useSessions = () =>
  useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) =>
      apiRequest<{ data: SessionEntry[] }>('/auth/sessions', { signal }).then((a) => a.data),
  });

/** A change to the user's own sign-in that refreshes their session, second factor and session list. */
function useSignInChange<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
  const refresh = useRefreshSignIn();
  return useMutation({ mutationFn: run, onSuccess: () => void refresh() });
}

export const useStartTotp = () =>
  useMutation({ mutationFn: () => apiRequest<TotpSetupView>('/auth/totp/setup', { method: 'POST' }) });

/** Not refreshed on success: the recovery codes stay on screen until the user says they saved them. */
export const useConfirmTotp = () =>
  useMutation({
    mutationFn: (code: string) =>
      apiRequest<{ recoveryCodes: string[] }>('/auth/totp/confirm', { method: 'POST', body: { code } }),
  });

/** What setting up a second factor changes: the session (the policy's gate) and the profile's status. */
export function useRefreshSignIn() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['auth'] }),
      client.invalidateQueries({ queryKey: sessionQuery.queryKey }),
    ]);
}

export const useDisableTotp = () =>
  useSignInChange((code: string) =>
    apiRequest<void>('/auth/totp/disable', { method: 'POST', body: { code } }),
  );

export const useRenewRecoveryCodes = () =>
  useSignInChange((code: string) =>
    apiRequest<{ recoveryCodes: string[] }>('/auth/recovery-codes', { method: 'POST', body: { code } }),
  );

export const useChangePassword = () =>
  useSignInChange((body: { currentPassword: string; newPassword: string }) =>
    apiRequest<void>('/auth/password', { method: 'POST', body }),
  );

export const useEndSession = () =>
  useSignInChange((id: string) => apiRequest<void>(`/auth/sessions/${id}`, { method: 'DELETE' }));

export const useEndOtherSessions = () =>
  useSignInChange(() => apiRequest<{ ended: number }>('/auth/sessions', { method: 'DELETE' }));

/** Puts a fresh session in place after signing in from a link (an invitation, a reset). */
export function useSignedIn() {
  const client = useQueryClient();
  return (session: SessionView) => client.setQueryData(sessionQuery.queryKey, session);
}
