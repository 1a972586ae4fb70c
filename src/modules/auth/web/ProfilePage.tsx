import { Stack, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useSession } from '../../../web/api/session';
import { CalendarSyncCard } from '../../calendars/web';
import { PasskeysCard } from './PasskeysCard';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TwoFactorCard } from './TwoFactorCard';

/** The signed-in user's own sign-in (second factor, passkeys, password, sessions) and calendar sync. */
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
      <Suspense fallback={null}>
        <CalendarSyncCard />
      </Suspense>
    </Stack>
  );
}
