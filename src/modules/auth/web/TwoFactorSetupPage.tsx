import { Anchor, Divider, Text } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { useSession } from '../../../web/api/session';
import { useSignOut } from '../../../web/api/signOut';
import { AuthCard } from './AuthCard';
import { AddPasskey } from './PasskeysCard';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';
import { useRefreshSignIn } from './api';

/** Where a workspace that requires a second factor sends a user who has none, before anything else. */
export function TwoFactorSetupPage(): React.JSX.Element {
  const session = useSession();
  const refresh = useRefreshSignIn();
  const router = useRouter();
  const signOut = useSignOut();
  const carryOn = async () => {
    await refresh();
    await router.navigate({ to: '/' });
  };
  return (
    <AuthCard title="Set up two-factor sign-in" width={520}>
      <Text size="sm">
        {session?.workspace.name ?? 'Your workspace'} asks everyone for a code from an authenticator app when
        they sign in, or a passkey. Set one up to carry on.
      </Text>
      <TwoFactorEnrolment onDone={carryOn} />
      <Divider label="or add a passkey on this device" labelPosition="center" />
      <AddPasskey onDone={() => void carryOn()} />
      <Text size="sm" c="dimmed">
        Not now?{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => void signOut()}>
          Sign out
        </Anchor>
      </Text>
    </AuthCard>
  );
}
