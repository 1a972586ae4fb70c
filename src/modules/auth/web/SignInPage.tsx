import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { AuthenticationResponseJSON } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, apiRequest, fieldErrorMap } from '../../../web/api/http';
import { sessionQuery } from '../../../web/api/session';
import type { SessionView } from '../contract';
import { AuthCard } from './AuthCard';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { signWithPasskey } from './passkeyApi';
import { PasskeySignIn } from './PasskeySignIn';
import { SsoSignIn, ssoOnlyWorkspace } from './SsoSignIn';
import { WorkspacePicker } from './WorkspacePicker';

const route = getRouteApi('/sign-in');

type Mode = 'signIn' | 'signUp';
/** A workspace the email and password belong to, from the 409 of a sign-in without a workspace. */
type WorkspaceChoice = { id: string; name: string };

function workspaceChoices(error: unknown): WorkspaceChoice[] {
  const listed = error instanceof ApiError && error.status === 409 ? error.problem?.workspaces : null;
  return Array.isArray(listed) ? (listed as WorkspaceChoice[]) : [];
}

/** Only same-site paths are followed after sign-in, never an outside address. */
function safeRedirect(target: string | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

/**
 * Why a sign-in was refused, in words that never tell a right password from a wrong one: the server
 * answers a wrong password and a missing or wrong second factor alike, so the page cannot say which.
 */
function refusal(values: { totp: string; recoveryCode: string }, withRecoveryCode: boolean): string {
  if (withRecoveryCode && values.recoveryCode.trim())
    return 'Wrong email, password or recovery code. Each recovery code works once.';
  if (!withRecoveryCode && values.totp.trim()) return 'Wrong email, password or authentication code.';
  return 'That did not sign you in. Check your email and password; if you use two-factor sign-in, enter your code too or use your passkey.';
}

export function SignInPage() {
  const search = route.useSearch();
  const router = useRouter();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>('signIn');
  const [values, setValues] = useState({
    email: '',
    password: '',
    totp: '',
    recoveryCode: '',
    name: '',
    workspaceName: '',
  });
  const [needsCode, setNeedsCode] = useState(false);
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [passkeyProblem, setPasskeyProblem] = useState<string | null>(null);
  const [choices, setChoices] = useState<WorkspaceChoice[]>([]);
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
    if (key === 'email' || key === 'password') {
      setChoices([]);
      setWorkspaceId(null);
    }
  };

  const submit = useMutation({
    mutationFn: ({ chosen, passkey }: { chosen: string | null; passkey?: AuthenticationResponseJSON }) =>
      mode === 'signIn'
        ? apiRequest<SessionView>('/auth/login', {
            method: 'POST',
            body: {
              email: values.email,
              password: values.password,
              ...(chosen ? { workspaceId: chosen } : {}),
              ...(passkey ? { passkey } : {}),
              ...(needsCode && !withRecoveryCode && values.totp ? { totp: values.totp } : {}),
              ...(needsCode && withRecoveryCode && values.recoveryCode
                ? { recoveryCode: values.recoveryCode }
                : {}),
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
      await signedIn();
    },
    onError: (error) => {
      if (workspaceChoices(error).length) setChoices(workspaceChoices(error));
      else if (
        error instanceof ApiError &&
        /two-factor|totp|code/i.test(`${error.problem?.detail ?? ''} ${JSON.stringify(error.problem ?? {})}`)
      )
        setNeedsCode(true);
    },
  });
  const errors = fieldErrorMap(submit.error);
  const error =
    submit.error instanceof ApiError && !workspaceChoices(submit.error).length ? submit.error : null;
  const choose = (id: string) => (setWorkspaceId(id), submit.mutate({ chosen: id }));
  const signedIn = () => router.navigate({ href: safeRedirect(search.redirect) });
  /** After the password, a passkey in place of the code. */
  const passkeyInsteadOfCode = () =>
    signWithPasskey().then(
      (passkey) => (setPasskeyProblem(null), submit.mutate({ chosen: workspaceId, passkey })),
      (error: Error) => setPasskeyProblem(error.message),
    );

  if (forgot)
    return (
      <AuthCard title="Reset your password">
        <ForgotPasswordForm email={values.email} onBack={() => setForgot(false)} />
      </AuthCard>
    );
  return (
    <AuthCard title={mode === 'signIn' ? 'Sign in to your workspace' : 'Create a workspace'}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate({ chosen: workspaceId });
        }}
      >
        <Stack>
          {mode === 'signIn' && (
            <SsoSignIn
              workspaceId={ssoOnlyWorkspace(submit.error) ?? search.workspace}
              redirect={search.redirect}
              error={search.ssoError}
            />
          )}
          {error && !error.isTransient && !error.fieldErrors.length && (
            <Alert color="red" role="alert">
              {error.status === 401 ? refusal(values, withRecoveryCode) : error.message}
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
          {needsCode && mode === 'signIn' && !withRecoveryCode && (
            <TextInput
              label="Authentication code"
              description="From your authenticator app, if you use two-factor sign-in"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={values.totp}
              onChange={set('totp')}
              error={errors.totp}
            />
          )}
          {needsCode && mode === 'signIn' && withRecoveryCode && (
            <TextInput
              label="Recovery code"
              description="One of the codes you saved when you set up two-factor sign-in"
              autoComplete="off"
              value={values.recoveryCode}
              onChange={set('recoveryCode')}
              error={errors.recoveryCode}
            />
          )}
          {needsCode && mode === 'signIn' && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => (submit.reset(), setWithRecoveryCode(!withRecoveryCode))}
            >
              {withRecoveryCode
                ? 'Use the code from your app instead'
                : 'Lost your phone? Use a recovery code'}
            </Anchor>
          )}
          {needsCode && mode === 'signIn' && (
            <Anchor component="button" type="button" size="sm" onClick={() => void passkeyInsteadOfCode()}>
              Use a passkey instead of a code
            </Anchor>
          )}
          {passkeyProblem && (
            <Alert color="red" role="alert">
              {passkeyProblem}
            </Alert>
          )}
          {mode === 'signIn' && (
            <Anchor component="button" type="button" size="sm" onClick={() => setForgot(true)}>
              Forgot password?
            </Anchor>
          )}
          {choices.length > 0 && !workspaceId && mode === 'signIn' ? (
            <WorkspacePicker choices={choices} onChoose={choose} />
          ) : (
            <Button type="submit" loading={submit.isPending} fullWidth>
              {mode === 'signIn' ? 'Sign in' : 'Create workspace'}
            </Button>
          )}
          {mode === 'signIn' && !needsCode && <PasskeySignIn onSignedIn={signedIn} />}
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
    </AuthCard>
  );
}
