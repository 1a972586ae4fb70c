import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconKeyboard, IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { apiRequest } from '../api/http';
import { notifyFailure } from '../api/notify';
import { sessionQuery, useSession } from '../api/session';
import { setShortcutSheetOpen } from './shortcutSheet';

export function UserMenu() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (!session) return null;
  const initials = session.user.name
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .slice(0, 2)
    .join('')
    .toUpperCase();

  const signOut = async () => {
    try {
      await apiRequest('/auth/logout', { method: 'POST' });
      // Leave the signed-in screens before dropping their data, so nothing refetches without a session.
      queryClient.setQueryData(sessionQuery.queryKey, null);
      await navigate({ to: '/sign-in', search: {} });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQuery.queryKey[0] });
    } catch (error) {
      notifyFailure(error, 'Could not sign out');
    }
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${session.user.name}`}>
          <Avatar color="indigo" radius="xl" size={34}>
            {initials}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="bright" truncate>
            {session.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {session.user.email} · {session.user.role}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item leftSection={<IconKeyboard size={16} />} onClick={() => setShortcutSheetOpen(true)}>
          Keyboard shortcuts
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
