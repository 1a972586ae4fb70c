import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, apiRequest, fieldErrorMap } from '../../../web/api/http';
import { sessionQuery } from '../../../web/api/session';
import type { SessionView } from '../contract';

const route = getRouteApi('/sign-in');

type Mode = 'signIn' | 'signUp';

/** Only same-site paths are followed after sign-in, never an outside address. */
function safeRedirect(target: string | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export function SignInPage() {
  const search = route.useSearch();
  const router = useRouter();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>('signIn');
  const [values, setValues] = useState({ email: '', password: '', totp: '', name: '', workspaceName: '' });
  const [needsCode, setNeedsCode] = useState(false);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  const submit = useMutation({
    mutationFn: () =>
      mode === 'signIn'
        ? apiRequest<SessionView>('/auth/login', {
            method: 'POST',
            body: {
              email: values.email,
              password: values.password,
              ...(needsCode && values.totp ? { totp: values.totp } : {}),
            },
          })
        : apiRequest<SessionView>('/auth/signup', {
            method: 'POST',
            body: {
              workspaceName: values.workspaceName,
              name: values.name,
              email: values.email,
              password: values.password,
            },
          }),
    onSuccess: async (session) => {
      client.setQueryData(sessionQuery.queryKey, session);
      await router.navigate({ href: safeRedirect(search.redirect) });
    },
    onError: (error) => {
      if (
        error instanceof ApiError &&
        /two-factor|totp|code/i.test(`${error.problem?.detail ?? ''} ${JSON.stringify(error.problem ?? {})}`)
      )
        setNeedsCode(true);
    },
  });
  const errors = fieldErrorMap(submit.error);
  const error = submit.error instanceof ApiError ? submit.error : null;

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-default-hover)">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={400} component="main">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate();
          }}
        >
          <Stack>
            <Stack gap={2}>
              <Text fw={750} size="xl" c="indigo">
                Rapport
              </Text>
              <Title order={1} size="h3">
                {mode === 'signIn' ? 'Sign in to your workspace' : 'Create a workspace'}
              </Title>
            </Stack>
            {error && !error.isTransient && !error.fieldErrors.length && (
              <Alert color="red" role="alert">
                {error.status === 401
                  ? needsCode
                    ? 'Enter the 6-digit code from your authenticator app.'
                    : 'Wrong email or password.'
                  : error.message}
              </Alert>
            )}
            {error?.isTransient && (
              <Alert color="red" role="alert">
                {error.status === 0
                  ? 'Cannot reach the server. Check your connection and try again.'
                  : 'The server had a problem. Try again in a moment.'}
              </Alert>
            )}
            {mode === 'signUp' && (
              <>
                <TextInput
                  label="Workspace name"
                  required
                  value={values.workspaceName}
                  onChange={set('workspaceName')}
                  error={errors.workspaceName}
                />
                <TextInput
                  label="Your name"
                  required
                  autoComplete="name"
                  value={values.name}
                  onChange={set('name')}
                  error={errors.name}
                />
              </>
            )}
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="email"
              autoFocus
              value={values.email}
              onChange={set('email')}
              error={errors.email}
            />
            <PasswordInput
              label="Password"
              required
              autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
              value={values.password}
              onChange={set('password')}
              error={errors.password}
            />
            {needsCode && mode === 'signIn' && (
              <TextInput
                label="Authentication code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={values.totp}
                onChange={set('totp')}
                error={errors.totp}
              />
            )}
            <Button type="submit" loading={submit.isPending} fullWidth>
              {mode === 'signIn' ? 'Sign in' : 'Create workspace'}
            </Button>
            <Text size="sm" c="dimmed" ta="center">
              {mode === 'signIn' ? 'New to Rapport? ' : 'Already have an account? '}
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => (submit.reset(), setMode(mode === 'signIn' ? 'signUp' : 'signIn'))}
              >
                {mode === 'signIn' ? 'Create a workspace' : 'Sign in'}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
