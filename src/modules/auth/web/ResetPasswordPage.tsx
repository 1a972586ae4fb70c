import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, apiRequest, fieldErrorMap } from '../../../web/api/http';
import type { SessionView } from '../contract';
import { useSignedIn } from './api';
import { AuthCard } from './AuthCard';
import { linkToken } from './linkToken';
import { type NewPassword, NewPasswordInputs, samePassword } from './NewPasswordInputs';

/** Choosing a new password from a reset link: emailed after "Forgot password?", or handed over by an admin. */
export function ResetPasswordPage(): React.JSX.Element {
  const [token] = useState(linkToken);
  const router = useRouter();
  const signedIn = useSignedIn();
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const [checked, setChecked] = useState(false);
  const reset = useMutation({
    mutationFn: () =>
      apiRequest<{ session: SessionView | null }>('/auth/password-reset/complete', {
        method: 'POST',
        body: { token, password: password.password },
      }),
    onSuccess: async ({ session }) => {
      if (!session) return;
      signedIn(session);
      await router.navigate({ to: '/' });
    },
  });
  const errors = fieldErrorMap(reset.error);
  const signIn = (
    <Anchor renderRoot={(props) => <Link {...props} to="/sign-in" search={{}} />} size="sm">
      Go to sign-in
    </Anchor>
  );

  if (reset.data && !reset.data.session)
    return (
      <AuthCard title="Password changed">
        <Text size="sm">Sign in with your new password and the code from your authenticator app.</Text>
        {signIn}
      </AuthCard>
    );
  if (!token || (reset.error instanceof ApiError && reset.error.status === 404))
    return (
      <AuthCard title="This reset link cannot be used">
        <Text size="sm">
          The link is not valid, was already used, or has expired (reset links last a day). Ask for a new one
          with “Forgot password?” on the sign-in page, or from an admin of your workspace.
        </Text>
        {signIn}
      </AuthCard>
    );
  return (
    <AuthCard title="Choose a new password">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setChecked(true);
          if (samePassword(password)) reset.mutate();
        }}
      >
        <Stack>
          <Text size="sm">Your other sessions will be signed out.</Text>
          <NewPasswordInputs
            value={password}
            onChange={setPassword}
            error={errors.password}
            checked={checked}
          />
          {reset.error && !Object.keys(errors).length && (
            <Alert color="red" role="alert">
              {reset.error.message}
            </Alert>
          )}
          <Button type="submit" fullWidth loading={reset.isPending}>
            Set password and sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
