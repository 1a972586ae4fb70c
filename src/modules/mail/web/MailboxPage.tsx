import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { mailPrivacies, mailPrivacyLabels, type Mailbox } from '../contract';
import { useMailboxChange, useMailboxes } from './api';

const stateLook: Record<Mailbox['health']['state'], { color: string; label: string }> = {
  waiting: { color: 'gray', label: 'Waiting for its first sync' },
  ok: { color: 'green', label: 'Syncing' },
  failing: { color: 'red', label: 'Failing' },
  stale: { color: 'orange', label: 'Not synced for over an hour' },
};

const when = (iso: string | null) => (iso ? dayjs(iso).format('D MMM YYYY HH:mm') : 'never');

function Health({ box }: { box: Mailbox }) {
  const change = useMailboxChange();
  const h = box.health;
  const look = stateLook[h.state];
  return (
    <Card withBorder data-testid="mailbox-health">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {box.user} at {box.host}:{box.port} ({box.folder})
          </Text>
          <Badge color={look.color}>{look.label}</Badge>
        </Group>
        <Table withRowBorders={false} fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Last successful sync</Table.Td>
              <Table.Td>{when(h.lastSuccessAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Last attempt</Table.Td>
              <Table.Td>{when(h.lastAttemptAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Messages seen</Table.Td>
              <Table.Td>{h.seen}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Imported</Table.Td>
              <Table.Td>{h.imported}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Waiting for review</Table.Td>
              <Table.Td>{h.waitingForReview}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Failed</Table.Td>
              <Table.Td>{h.failed}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {h.lastError && (
          <Text c="var(--mantine-color-error)" size="sm" role="alert">
            {h.lastError}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            loading={change.isPending}
            onClick={() => change.mutate({ method: 'POST', path: `/${box.id}/sync` })}
          >
            Sync now
          </Button>
          <Button
            variant="subtle"
            color="red"
            onClick={() => change.mutate({ method: 'DELETE', path: `/${box.id}` })}
          >
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The signed-in user's mailboxes with their honest sync health, and a form to connect one. */
export function MailboxPage() {
  const mailboxes = useMailboxes();
  const change = useMailboxChange();
  const [form, setForm] = useState({
    host: '',
    port: 993,
    secure: true,
    user: '',
    password: '',
    privacy: 'body',
  });
  const error = change.error instanceof Error ? change.error.message : null;
  return (
    <Stack maw={720} p="md">
      <Title order={1} size="h2">
        My mailbox
      </Title>
      {(mailboxes.data ?? []).map((box) => (
        <Health key={box.id} box={box} />
      ))}
      <Card withBorder>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate({ method: 'POST', path: '', body: form });
          }}
        >
          <Stack gap="xs">
            <Title order={2} size="h4">
              Connect a mailbox (IMAP)
            </Title>
            <Group grow>
              <TextInput
                label="IMAP host"
                required
                value={form.host}
                onChange={(e) => setForm({ ...form, host: e.currentTarget.value })}
              />
              <NumberInput
                label="Port"
                required
                value={form.port}
                onChange={(v) => setForm({ ...form, port: Number(v) })}
              />
            </Group>
            <Checkbox
              label="TLS (port 993)"
              checked={form.secure}
              onChange={(e) => setForm({ ...form, secure: e.currentTarget.checked })}
            />
            <Group grow>
              <TextInput
                label="User"
                required
                value={form.user}
                onChange={(e) => setForm({ ...form, user: e.currentTarget.value })}
              />
              <PasswordInput
                label="Password"
                required
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              />
            </Group>
            <Select
              label="What the team sees of this mailbox's mail"
              data={mailPrivacies.map((value) => ({ value, label: mailPrivacyLabels[value] }))}
              value={form.privacy}
              allowDeselect={false}
              onChange={(value) => value && setForm({ ...form, privacy: value })}
            />
            {error && (
              <Text c="var(--mantine-color-error)" size="sm" role="alert">
                {error}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={change.isPending}>
                Connect
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
