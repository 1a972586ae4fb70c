import { Anchor, Text } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { useSession } from '../../../web/api/session';
import { useSignOut } from '../../../web/api/signOut';
import { AuthCard } from './AuthCard';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';
import { useRefreshSignIn } from './api';

/** Where a workspace that requires a second factor sends a user who has none, before anything else. */
export function TwoFactorSetupPage(): React.JSX.Element {
  const session = useSession();
  const refresh = useRefreshSignIn();
  const router = useRouter();
  const signOut = useSignOut();
  return (
    <AuthCard title="Set up two-factor sign-in" width={520}>
      <Text size="sm">
        {session?.workspace.name ?? 'Your workspace'} asks everyone for a code from an authenticator app when
        they sign in. Set yours up to carry on.
      </Text>
      <TwoFactorEnrolment
        onDone={async () => {
          await refresh();
          await router.navigate({ to: '/' });
        }}
      />
      <Text size="sm" c="dimmed">
        Not now?{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => void signOut()}>
          Sign out
        </Anchor>
      </Text>
    </AuthCard>
  );
}
