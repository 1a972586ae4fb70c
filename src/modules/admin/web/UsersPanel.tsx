import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import { type Role, roles, type UserView } from '../../auth/contract';
import { useAdminWrite, useTeams, useUsers } from './api';

const roleOptions = roles.map((r) => ({ value: r, label: r.charAt(0).toUpperCase() + r.slice(1) }));

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const teams = useTeams().data ?? [];
  const [values, setValues] = useState({
    email: '',
    name: '',
    password: '',
    role: 'rep' as Role,
    teamId: null as string | null,
  });
  const create = useAdminWrite<typeof values>(
    'POST',
    () => '/users',
    (v) => v,
  );
  const errors = fieldErrorMap(create.error);
  return (
    <Modal opened={opened} onClose={onClose} title="Add a user">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(values, {
            onSuccess: () => (
              onClose(),
              setValues({ email: '', name: '', password: '', role: 'rep', teamId: null })
            ),
          });
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            required
            data-autofocus
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={values.email}
            onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
            error={errors.email}
          />
          <PasswordInput
            label="Initial password"
            description="At least 10 characters; ask them to change it."
            required
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
            error={errors.password}
          />
          <Select
            label="Role"
            data={roleOptions}
            value={values.role}
            onChange={(r) => r && setValues({ ...values, role: r as Role })}
            allowDeselect={false}
            error={errors.role}
          />
          <Select
            label="Team"
            clearable
            data={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={values.teamId}
            onChange={(teamId) => setValues({ ...values, teamId })}
            error={errors.teamId}
          />
          {create.error && !Object.keys(errors).length && (
            <Text c="red" size="sm">
              {create.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

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
          Add user
        </Button>
      </Group>
      {users.isPending ? (
        <Skeleton h={160} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th w={160}>Role</Table.Th>
                <Table.Th w={200}>Team</Table.Th>
                <Table.Th w={120}>Active</Table.Th>
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddUserModal opened={adding} onClose={add.close} />
    </Stack>
  );
}
