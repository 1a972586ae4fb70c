import { Alert, Anchor, Button, Skeleton, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, apiRequest, fieldErrorMap } from '../../../web/api/http';
import type { SessionView } from '../contract';
import { useSignedIn } from './api';
import { AuthCard } from './AuthCard';
import { linkToken } from './linkToken';
import { type NewPassword, NewPasswordInputs, samePassword } from './NewPasswordInputs';

interface Preview {
  email: string;
  workspaceName: string;
  role: string;
}

/** Accepting an invitation: the invited person chooses their own name and password. */
export function JoinPage(): React.JSX.Element {
  const [token] = useState(linkToken);
  const router = useRouter();
  const signedIn = useSignedIn();
  const [name, setName] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const [checked, setChecked] = useState(false);
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiRequest<Preview>('/invitations/preview', { method: 'POST', body: { token } }),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      apiRequest<SessionView>('/invitations/accept', {
        method: 'POST',
        body: { token, name, password: password.password },
      }),
    onSuccess: async (session) => {
      signedIn(session);
      await router.navigate({ to: '/' });
    },
  });
  const errors = fieldErrorMap(accept.error);

  if (!token || preview.isError || (accept.error instanceof ApiError && accept.error.status === 404))
    return (
      <AuthCard title="This invitation cannot be used">
        <Text size="sm">
          The link is not valid, was already used, or has expired (invitations last seven days). Ask the admin
          who invited you for a new one.
        </Text>
        <Anchor renderRoot={(props) => <Link {...props} to="/sign-in" search={{}} />} size="sm">
          Go to sign-in
        </Anchor>
      </AuthCard>
    );
  if (!preview.data)
    return (
      <AuthCard title="Join your team">
        <Skeleton h={200} />
      </AuthCard>
    );
  return (
    <AuthCard title={`Join ${preview.data.workspaceName}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setChecked(true);
          if (samePassword(password)) accept.mutate();
        }}
      >
        <Text size="sm" mb="md">
          You were invited as {preview.data.role}. Choose your name and a password to sign in with.
        </Text>
        <TextInput label="Email" value={preview.data.email} readOnly autoComplete="username" mb="sm" />
        <TextInput
          label="Your name"
          required
          autoComplete="name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          mb="sm"
        />
        <NewPasswordInputs
          label="Password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          checked={checked}
        />
        {accept.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert" mt="sm">
            {accept.error.message}
          </Alert>
        )}
        <Button type="submit" fullWidth mt="md" loading={accept.isPending}>
          Join and sign in
        </Button>
      </form>
    </AuthCard>
  );
}
