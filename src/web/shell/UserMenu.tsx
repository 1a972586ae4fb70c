import { Avatar, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconKeyboard, IconLogout, IconUserShield } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { roleLabels } from '../../modules/auth/contract';
import { useSession } from '../api/session';
import { useSignOut } from '../api/signOut';
import { setShortcutSheetOpen } from './shortcutSheet';

export function UserMenu() {
  const session = useSession();
  const signOut = useSignOut();
  if (!session) return null;
  const initials = session.user.name
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .slice(0, 2)
    .join('')
    .toUpperCase();

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        {/* Named by its hidden text, not aria-label: the visible initials would not match a label. */}
        <UnstyledButton>
          <VisuallyHidden>Account menu for {session.user.name}</VisuallyHidden>
          <Avatar color="indigo" radius="xl" size={34} aria-hidden>
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
            {session.user.email} · {roleLabels[session.user.role]}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconUserShield size={16} />}
          renderRoot={(props) => <Link {...props} to="/profile" />}
        >
          Profile and sign-in
        </Menu.Item>
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
