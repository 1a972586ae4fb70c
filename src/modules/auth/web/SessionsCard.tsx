import {
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { notifyFailure } from '../../../web/api/notify';
import { describeDevice } from './device';
import { useEndOtherSessions, useEndSession, useSessions } from './api';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SessionsCard() {
  const sessions = useSessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="sessions-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="sessions-title">
            Where you are signed in
          </Title>
          <Button
            variant="default"
            disabled={others === 0}
            loading={endOthers.isPending}
            onClick={() =>
              endOthers.mutate(undefined, {
                onSuccess: ({ ended }) =>
                  notifications.show({
                    color: 'teal',
                    message: `Signed out of ${ended} other session${ended === 1 ? '' : 's'}`,
                  }),
                onError: (e) => notifyFailure(e, 'Could not sign out the other sessions'),
              })
            }
          >
            Sign out everywhere else
          </Button>
        </Group>
        {sessions.isPending ? (
          <Skeleton h={80} />
        ) : (
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(sessions.data ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" title={s.userAgent ?? undefined}>
                      {describeDevice(s.userAgent)}{' '}
                      {s.current && (
                        <Badge size="xs" variant="light">
                          this device
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Signed in {when(s.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.ip ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{when(s.lastSeenAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {!s.current && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Sign out ${describeDevice(s.userAgent)}, last seen ${when(s.lastSeenAt)}`}
                        onClick={() =>
                          end.mutate(s.id, { onError: (e) => notifyFailure(e, 'Could not sign out') })
                        }
                      >
                        Sign out
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
