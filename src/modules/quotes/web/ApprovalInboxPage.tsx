import { Anchor, Card, Container, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useRecordPages } from '../../../web/api/records';

/** Quotes waiting for a manager: a discount above the workspace's threshold, oldest request first. */
export function ApprovalInboxPage() {
  const state = useMemo(
    () => ({ filter: { field: 'status', op: 'eq' as const, value: 'pendingApproval' }, sort: 'updatedAt' }),
    [],
  );
  const quotes = useRecordPages('quotes', state);
  const list = quotes.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Container size="md" py="md">
      <Stack>
        <Title order={1} size="h3">
          Approvals
        </Title>
        <Card withBorder padding="md">
          {quotes.isLoading && <Skeleton h={60} />}
          {!quotes.isLoading && list.length === 0 && (
            <Text c="dimmed">No quote is waiting for approval.</Text>
          )}
          {list.length > 0 && (
            <Table aria-label="Quotes waiting for approval">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Quote</Table.Th>
                  <Table.Th>Total</Table.Th>
                  <Table.Th>Comment</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td>
                      <Anchor
                        renderRoot={(props) => (
                          <Link {...props} to="/o/$object/$id" params={{ object: 'quotes', id: q.id }} />
                        )}
                      >
                        {String(q.title)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {String(q.total ?? '')} {String(q.currency ?? '')}
                    </Table.Td>
                    <Table.Td>{String(q.approvalComment ?? '')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </Stack>
    </Container>
  );
}
