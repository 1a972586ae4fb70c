import { ActionIcon, Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconShieldOff } from '@tabler/icons-react';
import { notifyFailure } from '../../../web/api/notify';
import type { UserView } from '../../auth/contract';
import { useAdminWrite } from './api';
import { ShareLink } from './ShareLink';

/** An admin's help for a user who cannot sign in: a password reset link, or clearing a lost second factor. */
export function UserSignInMenu({ user }: { user: UserView }) {
  const [showing, link] = useDisclosure(false);
  const resetLink = useAdminWrite<string, { url: string }>('POST', (id) => `/users/${id}/password-reset`);
  const resetTwoFactor = useAdminWrite<string>('POST', (id) => `/users/${id}/two-factor/reset`);

  const confirmTwoFactorReset = () =>
    modals.openConfirmModal({
      title: `Reset two-factor sign-in of ${user.name}?`,
      children: (
        <Text size="sm">
          Their authenticator app and recovery codes stop working and they are signed out everywhere. They
          sign in with their password and set up two-factor again where the workspace requires it.
        </Text>
      ),
      labels: { confirm: 'Reset two-factor', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        resetTwoFactor.mutate(user.id, {
          onSuccess: () =>
            notifications.show({ color: 'teal', message: `Two-factor reset for ${user.name}` }),
          onError: (e) => notifyFailure(e, 'Could not reset two-factor sign-in'),
        }),
    });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={`Sign-in help for ${user.name}`}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconKey size={16} />}
            disabled={user.disabled}
            onClick={() =>
              resetLink.mutate(user.id, {
                onSuccess: link.open,
                onError: (e) => notifyFailure(e, 'Could not make a reset link'),
              })
            }
          >
            Password reset link
          </Menu.Item>
          <Menu.Item
            leftSection={<IconShieldOff size={16} />}
            disabled={!user.totpEnabled}
            color="red"
            onClick={confirmTwoFactorReset}
          >
            Reset two-factor sign-in
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={showing && !!resetLink.data}
        onClose={link.close}
        title={`Password reset for ${user.name}`}
      >
        {resetLink.data && (
          <Stack>
            <ShareLink
              url={resetLink.data.url}
              label="Reset link"
              help="Send this link to them. It works once, within a day; their sessions end when they use it."
            />
            <Group justify="flex-end">
              <Button onClick={link.close}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
