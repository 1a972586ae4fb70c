import { Button, EmptyState, Group } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { ApiError } from '../api/http';
import { sessionQuery } from '../api/session';

/** What one route shows when its data or its screen failed: what happened, and a way back. */
export function RouteError({ error, reset }: ErrorComponentProps): React.JSX.Element {
  const router = useRouter();
  const client = useQueryClient();
  const api = error instanceof ApiError ? error : null;
  const retry = () => {
    reset();
    void router.invalidate();
  };
  const home = (
    <Button renderRoot={(props) => <Link {...props} to="/" />} variant="default">
      Go home
    </Button>
  );

  if (api?.status === 401)
    return (
      <EmptyState
        py={80}
        title="Your session has ended"
        description="Sign in again to carry on where you were."
        icon={<IconLock size={28} />}
        withIndicatorBackground
      >
        <Button
          mt="md"
          onClick={() => {
            client.setQueryData(sessionQuery.queryKey, null);
            void router.navigate({ to: '/sign-in', search: { redirect: router.state.location.href } });
          }}
        >
          Sign in
        </Button>
      </EmptyState>
    );
  if (api?.status === 403 && /two-factor/i.test(api.message))
    return (
      <EmptyState
        py={80}
        title="Your workspace now requires two-factor sign-in"
        description="Set up an authenticator app for your account; it takes a minute."
        icon={<IconShieldLock size={28} />}
        withIndicatorBackground
      >
        <Button
          mt="md"
          onClick={async () => {
            await client.invalidateQueries({ queryKey: sessionQuery.queryKey });
            await router.navigate({ to: '/two-factor-setup' });
          }}
        >
          Set up two-factor sign-in
        </Button>
      </EmptyState>
    );
  return (
    <EmptyState
      py={80}
      title={api?.isTransient ? 'Rapport cannot reach the server' : 'This page could not be shown'}
      description={
        api?.isTransient
          ? 'Check your connection and try again in a moment.'
          : api?.status === 403
            ? `${api.message}. Ask an admin of your workspace if you need it.`
            : (api?.message ?? 'Something unexpected went wrong on this page.')
      }
      icon={<IconAlertTriangle size={28} />}
      withIndicatorBackground
    >
      <Group mt="md" justify="center">
        <Button onClick={retry}>Try again</Button>
        {home}
      </Group>
    </EmptyState>
  );
}
