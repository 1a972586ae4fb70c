import {
  Badge,
  Button,
  Group,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import type { Role, UserView } from '../../auth/contract';
import { useAdminWrite, useTeams, useUsers } from './api';
import { roleOptions } from '../../auth/contract';
import { InviteUserModal } from './InviteUserModal';
import { PendingInvitations } from './PendingInvitations';
import { UserSignInMenu } from './UserSignInMenu';
import { StackingTable } from '../../../web/components/StackingTable';

export function UsersPanel() {
  const users = useUsers();
  const teams = useTeams().data ?? [];
  const session = useSession();
  const [adding, add] = useDisclosure(false);
  const update = useAdminWrite<{
    id: string;
    patch: Partial<Pick<UserView, 'role' | 'teamId' | 'disabled'>>;
  }>(
    'PATCH',
    (i) => `/users/${i.id}`,
    (i) => i.patch,
  );
  const change = (id: string, patch: Partial<Pick<UserView, 'role' | 'teamId' | 'disabled'>>) =>
    update.mutate({ id, patch }, { onError: (e) => notifyFailure(e, 'Could not update the user') });

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Admins manage the workspace; managers see their team; reps work their own records; viewers only
          read.
        </Text>
        <Button leftSection={<IconUserPlus size={16} />} onClick={add.open}>
          Invite user
        </Button>
      </Group>
      <PendingInvitations />
      {users.isPending ? (
        <Skeleton h={160} />
      ) : (
        <StackingTable verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th w={160}>Role</Table.Th>
              <Table.Th w={200}>Team</Table.Th>
              <Table.Th w={120}>Active</Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>Sign-in help</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {user.name}{' '}
                    {user.id === session?.user.id && (
                      <Badge size="xs" variant="light">
                        you
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.email} {user.totpEnabled ? '· 2FA on' : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Role of ${user.name}`}
                    size="xs"
                    data={roleOptions}
                    value={user.role}
                    allowDeselect={false}
                    onChange={(r) => r && change(user.id, { role: r as Role })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Team of ${user.name}`}
                    size="xs"
                    clearable
                    placeholder="No team"
                    data={teams.map((t) => ({ value: t.id, label: t.name }))}
                    value={user.teamId}
                    onChange={(teamId) => change(user.id, { teamId })}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`${user.name} can sign in`}
                    checked={!user.disabled}
                    disabled={user.id === session?.user.id}
                    onChange={(e) => change(user.id, { disabled: !e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <UserSignInMenu user={user} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
      <InviteUserModal opened={adding} onClose={add.close} />
    </Stack>
  );
}
