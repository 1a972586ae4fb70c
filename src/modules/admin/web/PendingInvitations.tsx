import { Button, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifyFailure } from '../../../web/api/notify';
import { useAdminWrite, useInvitations } from './api';
import { roleLabels } from '../../auth/contract';
import { StackingTable } from '../../../web/components/StackingTable';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Invitations sent and not yet accepted; an admin may withdraw one. */
export function PendingInvitations() {
  const invitations = useInvitations();
  const withdraw = useAdminWrite<string>('DELETE', (id) => `/invitations/${id}`);
  if (!invitations.data?.length) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Invited, not joined yet
      </Title>
      <StackingTable verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Link expires</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.data.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm">{i.email}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{roleLabels[i.role]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{day(i.expiresAt)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Withdraw the invitation of ${i.email}`}
                  onClick={() =>
                    withdraw.mutate(i.id, { onError: (e) => notifyFailure(e, 'Could not withdraw it') })
                  }
                >
                  Withdraw
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    </Stack>
  );
}
