import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import { sessionQuery } from '../../../web/api/session';
import type {
  SessionEntry,
  SessionView,
  SsoSettingsInput,
  SsoSettingsView,
  SsoTestView,
  TotpSetupView,
  TwoFactorStatus,
} from '../contract';

/** What the SSO form sends: the secret left out keeps the stored one. */
export type SsoSettingsForm = Omit<SsoSettingsInput, 'clientSecret'> & { clientSecret?: string };

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

/** A change to the user's own sign-in that refreshes their session, second factor, passkeys and session list. */
export function useSignInChange<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
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

const ssoKey = ['auth', 'sso'];

export const useSsoSettings = () =>
  useQuery({
    queryKey: ssoKey,
    queryFn: ({ signal }) => apiRequest<SsoSettingsView>('/auth/sso', { signal }),
  });

/** Saving or turning off SSO; a 403 asking for a recent sign-in is answered by `useReauthenticate`. */
export function useSsoChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: SsoSettingsForm | null) => {
      if (input) await apiRequest<SsoSettingsView>('/auth/sso', { method: 'PUT', body: input });
      else await apiRequest<void>('/auth/sso', { method: 'DELETE' });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ssoKey }),
  });
}

export const useSsoTest = () =>
  useMutation({ mutationFn: () => apiRequest<SsoTestView>('/auth/sso/test', { method: 'POST' }) });

/** Entering one's password again, for a change that needs a recent sign-in. */
export const useReauthenticate = () =>
  useMutation({
    mutationFn: (password: string) =>
      apiRequest<void>('/auth/reauthenticate', { method: 'POST', body: { password } }),
  });
