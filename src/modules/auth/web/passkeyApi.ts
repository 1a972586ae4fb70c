import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { PasskeyView } from '../contract';
import { useRefreshSignIn, useSignInChange } from './api';

export const usePasskeys = () =>
  useQuery({
    queryKey: ['auth', 'passkeys'],
    queryFn: ({ signal }) =>
      apiRequest<{ passkeys: PasskeyView[] }>('/auth/passkeys', { signal }).then((a) => a.passkeys),
  });

/** What a refused or cancelled browser call means, in words. */
function passkeyProblem(error: unknown): string {
  const { name, code } = error as { name?: string; code?: string };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return 'This device already holds a passkey for you';
  if (name === 'NotAllowedError' || code === 'ERROR_CEREMONY_ABORTED')
    return 'No passkey was used: the request was cancelled or timed out';
  if (code === 'ERROR_INVALID_DOMAIN')
    return 'Passkeys need Rapport opened at a name (such as localhost), not at an IP address';
  return error instanceof Error ? error.message : 'The passkey did not work';
}

/** The browser's WebAuthn call, loaded when first needed (the sign-in page stays small). */
async function browser<T>(call: (lib: typeof import('@simplewebauthn/browser')) => Promise<T>): Promise<T> {
  const lib = await import('@simplewebauthn/browser');
  if (!lib.browserSupportsWebAuthn()) throw new Error('This browser cannot use passkeys');
  try {
    return await call(lib);
  } catch (error) {
    throw new Error(passkeyProblem(error), { cause: error });
  }
}

/** Adds a passkey on this device: options from the server, the device makes the key, the server keeps it. */
export function useAddPasskey() {
  const refresh = useRefreshSignIn();
  return useMutation({
    mutationFn: async (name: string) => {
      const { options } = await apiRequest<{ options: PublicKeyCredentialCreationOptionsJSON }>(
        '/auth/passkeys/options',
        { method: 'POST' },
      );
      const response = await browser((lib) => lib.startRegistration({ optionsJSON: options }));
      return apiRequest<PasskeyView>('/auth/passkeys', { method: 'POST', body: { name, response } });
    },
    onSuccess: () => void refresh(),
  });
}

export const useRemovePasskey = () =>
  useSignInChange((id: string) => apiRequest<void>(`/auth/passkeys/${id}`, { method: 'DELETE' }));

/** Signs a sign-in challenge with one of the user's passkeys: alone, or after the password instead of a code. */
export async function signWithPasskey(): Promise<AuthenticationResponseJSON> {
  const { options } = await apiRequest<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    '/auth/passkeys/sign-in/options',
    { method: 'POST' },
  );
  return browser((lib) => lib.startAuthentication({ optionsJSON: options }));
}
