import {
  Alert,
  Button,
  Container,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import type { RetentionAction } from '../contract';
import { runRetention, savePrivacySettings, useAuditLog, usePrivacySettings, useRetentionList } from './api';
import { formatDateTime } from '../../../web/components/fields/format';

const actionLabels = { consent: 'Consent', export: 'Export', erase: 'Erasure', retention: 'Retention' };

function RetentionRule() {
  const settings = usePrivacySettings();
  const client = useQueryClient();
  const [years, setYears] = useState<number | ''>('');
  const [action, setAction] = useState<RetentionAction>('flag');
  useEffect(() => {
    if (!settings.data) return;
    setYears(settings.data.retentionYears ?? '');
    setAction(settings.data.retentionAction);
  }, [settings.data]);
  const refresh = () => client.invalidateQueries({ queryKey: ['privacy'] });
  const save = async () => {
    try {
      await savePrivacySettings({ retentionYears: years === '' ? null : years, retentionAction: action });
      notifications.show({ color: 'teal', message: 'Retention rule saved' });
      await refresh();
    } catch (failure) {
      notifyFailure(failure, 'Could not save the retention rule');
    }
  };
  const run = async () => {
    try {
      const done = await runRetention();
      notifications.show({ color: 'teal', message: `${done.flagged} flagged, ${done.erased} erased` });
      await refresh();
    } catch (failure) {
      notifyFailure(failure, 'Could not apply the retention rule');
    }
  };
  return (
    <Stack maw={520}>
      <Title order={1} size="h2">
        Privacy
      </Title>
      <Title order={2} size="h4">
        Retention rule
      </Title>
      <Text size="sm" c="dimmed">
        Contacts with no activity and no change for this many years are flagged every night. Leave it empty to
        keep contacts for as long as you like.
      </Text>
      <Group align="flex-end">
        <NumberInput
          label="Years without activity"
          min={1}
          max={100}
          value={years}
          onChange={(v) => setYears(typeof v === 'number' ? v : '')}
          w={200}
        />
        <Select
          label="Then"
          data={[
            { value: 'flag', label: 'Flag them for review' },
            { value: 'erase', label: 'Erase them' },
          ]}
          value={action}
          onChange={(v) => v && setAction(v as RetentionAction)}
          allowDeselect={false}
        />
      </Group>
      {action === 'erase' && (
        <Alert color="red">
          Erasure cannot be undone: every contact past the period is erased each night.
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()}>Save</Button>
        <Button variant="default" disabled={!settings.data?.retentionYears} onClick={() => void run()}>
          Apply now
        </Button>
      </Group>
    </Stack>
  );
}

function RetentionList() {
  const list = useRetentionList();
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack>
      <Title order={2} size="h4">
        Past the retention period
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">No contact is past the retention period.</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Contact</Table.Th>
              <Table.Th>Last change</Table.Th>
              <Table.Th>Last activity</Table.Th>
              <Table.Th>Flagged</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.contactId}>
                <Table.Td>
                  <Link to="/o/$object/$id" params={{ object: 'contacts', id: c.contactId }}>
                    {c.name || c.contactId}
                  </Link>
                </Table.Td>
                <Table.Td>{formatDateTime(c.updatedAt)}</Table.Td>
                <Table.Td>{c.lastActivityAt ? formatDateTime(c.lastActivityAt) : 'none'}</Table.Td>
                <Table.Td>{c.flaggedAt ? formatDateTime(c.flaggedAt) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage && (
        <Button variant="subtle" onClick={() => void list.fetchNextPage()}>
          More
        </Button>
      )}
    </Stack>
  );
}

function AuditLog() {
  const log = useAuditLog();
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack>
      <Title order={2} size="h4">
        Audit log
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Contact</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actorName ?? 'Rapport'}</Table.Td>
              <Table.Td>{actionLabels[e.action]}</Table.Td>
              <Table.Td>
                {e.contactId && (
                  <Link to="/o/$object/$id" params={{ object: 'contacts', id: e.contactId }}>
                    Open
                  </Link>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {JSON.stringify(e.detail)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {log.hasNextPage && (
        <Button variant="subtle" onClick={() => void log.fetchNextPage()}>
          More
        </Button>
      )}
    </Stack>
  );
}

/** The workspace's privacy: the retention rule, the contacts past it, and the log of every privacy action. */
export function PrivacyPage() {
  const session = useSession();
  if (session?.user.role !== 'admin')
    return <Alert color="yellow">Only workspace admins can open the privacy settings.</Alert>;
  return (
    <Container size="lg" py="md">
      <Title order={2} mb="md">
        Privacy
      </Title>
      <Stack gap="xl">
        <RetentionRule />
        <RetentionList />
        <AuditLog />
      </Stack>
    </Container>
  );
}
