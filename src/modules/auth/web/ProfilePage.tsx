import { Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../../web/api/session';
import { PasskeysCard } from './PasskeysCard';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TwoFactorCard } from './TwoFactorCard';

/** The signed-in user's own sign-in: second factor, passkeys, password and sessions. */
export function ProfilePage(): React.JSX.Element {
  const session = useSession();
  return (
    <Stack maw={820} gap="lg">
      <div>
        <Title order={1} size="h2">
          Your profile
        </Title>
        {session && (
          <Text c="dimmed" size="sm">
            {session.user.name} · {session.user.email} · {session.workspace.name}
          </Text>
        )}
      </div>
      <TwoFactorCard />
      <PasskeysCard />
      <PasswordCard />
      <SessionsCard />
    </Stack>
  );
}
