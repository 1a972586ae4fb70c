import { ActionIcon, Button, Card, Group, MultiSelect, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { UserView } from '../../auth/contract';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { type Team, useAdminWrite } from './api';

/** One team: rename it, choose its members, or delete it (its members are left without a team). */
export function TeamCard({ team, users }: { team: Team; users: UserView[] }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(team.name);
  const rename = useAdminWrite<string>(
    'PATCH',
    () => `/teams/${team.id}`,
    (value) => ({ name: value }),
  );
  const remove = useAdminWrite<void>('DELETE', () => `/teams/${team.id}`);
  const setTeam = useAdminWrite<{ userId: string; teamId: string | null }>(
    'PATCH',
    (v) => `/users/${v.userId}`,
    (v) => ({ teamId: v.teamId }),
  );
  const members = users.filter((u) => u.teamId === team.id);
  const changeMembers = (ids: string[]) => {
    const joining = users.filter((u) => ids.includes(u.id) && u.teamId !== team.id);
    const leaving = members.filter((u) => !ids.includes(u.id));
    for (const u of joining)
      setTeam.mutate(
        { userId: u.id, teamId: team.id },
        { onError: (e) => notifyFailure(e, 'Could not add') },
      );
    for (const u of leaving)
      setTeam.mutate(
        { userId: u.id, teamId: null },
        { onError: (e) => notifyFailure(e, 'Could not remove') },
      );
  };
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete the team “${team.name}”?`,
      children: (
        <Text size="sm">
          Its {members.length} member{members.length === 1 ? '' : 's'} will be left without a team. Their
          records and roles stay as they are.
        </Text>
      ),
      labels: { confirm: 'Delete team', cancel: 'Keep it' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        remove.mutate(undefined, { onError: (e) => notifyFailure(e, 'Could not delete the team') }),
    });

  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        {renaming ? (
          <form
            style={{ flex: 1 }}
            onSubmit={(e) => {
              e.preventDefault();
              rename.mutate(name, { onSuccess: () => setRenaming(false) });
            }}
          >
            <Group gap="xs" align="flex-start">
              <TextInput
                aria-label={`New name for ${team.name}`}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldErrorMap(rename.error).name ?? rename.error?.message}
                onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
                data-autofocus
                autoFocus
                style={{ flex: 1 }}
              />
              <Button type="submit" size="sm" loading={rename.isPending} disabled={!name.trim()}>
                Save
              </Button>
              <Button size="sm" variant="default" onClick={() => setRenaming(false)}>
                Cancel
              </Button>
            </Group>
          </form>
        ) : (
          <Group gap={4} wrap="nowrap">
            <Text fw={600}>{team.name}</Text>
            <Tooltip label="Rename">
              <ActionIcon
                variant="subtle"
                aria-label={`Rename ${team.name}`}
                onClick={() => setRenaming(true)}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            since {dayjs(team.createdAt).format('D MMM YYYY')}
          </Text>
          <Tooltip label="Delete team">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${team.name}`}
              onClick={confirmDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <MultiSelect
        mt="xs"
        label="Members"
        placeholder={members.length ? undefined : 'No members yet: pick people'}
        data={users.map((u) => ({ value: u.id, label: u.name }))}
        value={members.map((m) => m.id)}
        onChange={changeMembers}
        searchable
        clearable={false}
      />
    </Card>
  );
}
