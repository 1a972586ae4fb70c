import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { QueuedLead } from '../contract';
import { useLeadQueue } from './api';
import { duration } from './duration';
import { SpeedTable } from './SpeedTable';

/** The score, with the rules behind it on hover or keyboard focus. */
function Score({ lead }: { lead: QueuedLead }) {
  const why = lead.reasons.length
    ? lead.reasons.map((r) => `${r.label} (${r.points > 0 ? '+' : ''}${r.points})`).join(', ')
    : 'No scoring rule matches';
  return (
    <Stack gap={2}>
      <Tooltip label={why} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
        <Text component="span" fw={700} tabIndex={0} aria-label={`Score ${lead.score}: ${why}`}>
          {lead.score}
        </Text>
      </Tooltip>
      {lead.reasons.map((r) => (
        <Text key={r.label} size="xs" c="dimmed">
          {r.label} {r.points > 0 ? '+' : ''}
          {r.points}
        </Text>
      ))}
    </Stack>
  );
}

function QueueTable({ leads }: { leads: QueuedLead[] }) {
  return (
    <Table striped aria-label="My lead queue" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="40%">Lead</Table.Th>
          <Table.Th w="30%">Score</Table.Th>
          <Table.Th>Age</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {leads.map((lead) => (
          <Table.Tr key={lead.id}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              <Anchor
                renderRoot={(props) => (
                  <Link {...props} to="/o/$object/$id" params={{ object: 'contacts', id: lead.id }} />
                )}
                size="sm"
              >
                {lead.name || 'Unnamed lead'}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[lead.company, lead.leadStatus === 'working' ? 'Working' : 'New']
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Score lead={lead} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{duration(lead.ageMinutes)}</Text>
              {lead.touched ? null : (
                <Text size="xs" fw={700} c="red.9">
                  Untouched
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A rep's open leads, best first, and how fast leads get their first touch. */
export function LeadsPage() {
  const queue = useLeadQueue();
  const leads = queue.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Leads
      </Title>
      <Paper withBorder p="sm">
        <Title order={2} size="h5" mb="xs">
          My lead queue
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Your new and working leads, best score first, then the oldest. Untouched leads have had no call,
          email, meeting or message yet.
        </Text>
        {queue.isLoading ? <Skeleton h={160} /> : null}
        {queue.error ? <Alert color="red">The lead queue could not be loaded.</Alert> : null}
        {queue.data && leads.length === 0 ? <Text size="sm">No open leads. Well done.</Text> : null}
        {leads.length ? <QueueTable leads={leads} /> : null}
        {queue.hasNextPage ? (
          <Group justify="center" mt="xs">
            <Button
              variant="default"
              loading={queue.isFetchingNextPage}
              onClick={() => void queue.fetchNextPage()}
            >
              Show more
            </Button>
          </Group>
        ) : null}
      </Paper>
      <SpeedTable />
    </Stack>
  );
}
