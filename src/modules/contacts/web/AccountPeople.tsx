import { Anchor, Avatar, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { openRecordCreation } from '../../../web/shell/recordCreation';
import type { RecordViewProps } from '../../../web/modules';
import type { AccountContact } from '../../accounts/contract';
import { useAccountContacts } from './api';

function personName(person: AccountContact): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email || 'Unnamed contact';
}

function Person({ person }: { person: AccountContact }) {
  const name = personName(person);
  const past = Boolean(person.endedAt);
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" opacity={past ? 0.75 : 1}>
      <Avatar radius="xl" size={36} color="gray" name={name} />
      <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
        <Group gap={6} wrap="wrap">
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/o/$object/$id" params={{ object: 'contacts', id: person.contactId }} />
            )}
            size="sm"
            fw={600}
            truncate
          >
            {name}
          </Anchor>
          {!past && person.otherCompanies > 0 && (
            <Badge size="xs" variant="light" color={person.isPrimary ? 'indigo' : 'gray'} tt="none">
              {person.isPrimary
                ? `Main company (also at ${person.otherCompanies} other${person.otherCompanies === 1 ? '' : 's'})`
                : 'Main company is elsewhere'}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {[person.role, person.title].filter(Boolean).join(' · ') || 'No role recorded'}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {[person.email, person.phone].filter(Boolean).join(' · ')}
        </Text>
        {past && (
          <Text size="xs" c="dimmed">
            {dayjs(person.startedAt).format('MMM YYYY')} – {dayjs(person.endedAt).format('MMM YYYY')}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** Account 360: everyone at the company, primary contact first, and the people who moved on. */
export function AccountPeople({ record }: RecordViewProps) {
  const people = useAccountContacts(record.id);
  const current = (people.data ?? []).filter((p) => !p.endedAt);
  const past = (people.data ?? []).filter((p) => p.endedAt);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          People{' '}
          {people.data ? (
            <Text span c="dimmed" size="sm">
              ({current.length})
            </Text>
          ) : null}
        </Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUserPlus size={14} />}
          onClick={() => openRecordCreation('contacts', { accountId: record.id })}
        >
          New contact
        </Button>
      </Group>
      {people.isPending ? (
        <Stack>
          <Skeleton h={44} />
          <Skeleton h={44} />
        </Stack>
      ) : people.isError ? (
        <Text c="var(--mantine-color-error)" size="sm">
          Could not load people: {people.error.message}
        </Text>
      ) : (
        <Stack gap="md">
          {current.length === 0 && (
            <Text size="sm" c="dimmed">
              Nobody linked yet. Add the people you talk to here.
            </Text>
          )}
          {current.map((person) => (
            <Person key={`${person.contactId}-${person.startedAt}`} person={person} />
          ))}
          {past.length > 0 && (
            <>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="xs">
                Moved on
              </Text>
              {past.map((person) => (
                <Person key={`${person.contactId}-${person.startedAt}`} person={person} />
              ))}
            </>
          )}
        </Stack>
      )}
    </Card>
  );
}
