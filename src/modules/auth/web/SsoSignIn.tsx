import { Alert, Button, Divider, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiBase, apiRequest } from '../../../web/api/http';
import type { SsoAvailability } from '../contract';

/** The workspace a refused password sign-in names when it signs in with SSO only. */
export function ssoOnlyWorkspace(error: unknown): string | undefined {
  const problem = error instanceof ApiError && error.status === 403 ? error.problem : null;
  return problem?.sso === true && typeof problem.workspaceId === 'string' ? problem.workspaceId : undefined;
}

/**
 * "Sign in with SSO" for the workspace the page was linked to (`/sign-in?workspace=…`, the link an
 * admin shares) or that refused a password: a plain link, the browser leaves for the identity provider.
 */
export function SsoSignIn({
  workspaceId,
  redirect,
  error,
}: {
  workspaceId: string | undefined;
  redirect: string | undefined;
  error: string | undefined;
}) {
  const available = useQuery({
    queryKey: ['sso-available', workspaceId],
    enabled: Boolean(workspaceId),
    retry: false,
    queryFn: ({ signal }) =>
      apiRequest<SsoAvailability>(`/auth/sso/available?workspace=${workspaceId}`, { signal }),
  });
  const start = new URLSearchParams({ workspace: workspaceId ?? '', ...(redirect && { redirect }) });
  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert">
          Single sign-on did not work: {error}
        </Alert>
      )}
      {available.data?.sso && (
        <>
          <Button component="a" href={`${apiBase}/auth/sso/start?${start}`} variant="filled" fullWidth>
            Sign in with SSO
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {available.data.workspaceName} signs in through your company’s identity provider.
          </Text>
          <Divider label="or with a password" labelPosition="center" />
        </>
      )}
    </Stack>
  );
}
