import { Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { useAdminWrite, useTeams, useUsers } from './api';
import { TeamCard } from './TeamCard';

export function TeamsPanel() {
  const teams = useTeams();
  const users = useUsers().data ?? [];
  const [name, setName] = useState('');
  const create = useAdminWrite<{ name: string }>(
    'POST',
    () => '/teams',
    (v) => v,
  );
  const errors = fieldErrorMap(create.error);
  return (
    <Stack maw={720}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name }, { onSuccess: () => setName('') });
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="New team"
            placeholder="e.g. EMEA Sales"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={
              errors.name ?? (create.error && !Object.keys(errors).length ? create.error.message : undefined)
            }
            style={{ flex: 1 }}
          />
          <Button type="submit" disabled={!name.trim()} loading={create.isPending}>
            Add team
          </Button>
        </Group>
      </form>
      {teams.isPending ? (
        <Skeleton h={80} />
      ) : teams.data?.length === 0 ? (
        <Text c="dimmed" size="sm">
          No teams yet. Teams let managers see their people's records.
        </Text>
      ) : (
        (teams.data ?? []).map((team) => <TeamCard key={team.id} team={team} users={users} />)
      )}
    </Stack>
  );
}
