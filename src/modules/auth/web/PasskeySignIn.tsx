import { Alert, Button, Divider, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import { sessionQuery } from '../../../web/api/session';
import type { SessionView } from '../contract';
import { signWithPasskey } from './passkeyApi';

/** "Sign in with a passkey": no email or password, the device verifies the user and names them. */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const client = useQueryClient();
  const signIn = useMutation({
    mutationFn: async () => {
      const response = await signWithPasskey();
      return apiRequest<SessionView>('/auth/passkeys/sign-in', { method: 'POST', body: { response } });
    },
    onSuccess: async (session) => {
      client.setQueryData(sessionQuery.queryKey, session);
      await onSignedIn();
    },
  });
  return (
    <Stack gap="xs">
      <Divider label="or" labelPosition="center" />
      <Button variant="default" fullWidth loading={signIn.isPending} onClick={() => signIn.mutate()}>
        Sign in with a passkey
      </Button>
      {signIn.error && (
        <Alert color="red" role="alert">
          {signIn.error.message}
        </Alert>
      )}
    </Stack>
  );
}
