import {
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { CalendarConnection } from '../contract';
import { useCalendarChange, useCalendarChoices, useCalendarConnections } from './api';

const stateLook: Record<CalendarConnection['health']['state'], { color: string; label: string }> = {
  noCalendar: { color: 'gray', label: 'Pick a calendar' },
  waiting: { color: 'gray', label: 'Waiting for its first sync' },
  ok: { color: 'green', label: 'Syncing' },
  failing: { color: 'red', label: 'Failing' },
  stale: { color: 'orange', label: 'Not synced for over an hour' },
};

const when = (iso: string | null) => (iso ? dayjs(iso).format('D MMM YYYY HH:mm') : 'never');

/** The calendars on the server, looked for only while the user picks one (each look is a few requests there). */
function CalendarPicker({ connection }: { connection: CalendarConnection }) {
  const [picking, setPicking] = useState(connection.calendarUrl === null);
  const choices = useCalendarChoices(connection.id, picking);
  const change = useCalendarChange();
  if (!picking)
    return (
      <Group gap="xs">
        <Text size="sm">Calendar: {connection.calendarName ?? connection.calendarUrl}</Text>
        <Button variant="subtle" size="compact-sm" onClick={() => setPicking(true)}>
          Change calendar
        </Button>
      </Group>
    );
  if (choices.isPending) return <Text size="sm">Looking for your calendars…</Text>;
  if (choices.data && !choices.data.ok)
    return (
      <Text c="var(--mantine-color-error)" size="sm" role="alert">
        {choices.data.error}
      </Text>
    );
  return (
    <Select
      label="Calendar to sync"
      placeholder="Choose one"
      data={(choices.data?.calendars ?? []).map((c) => ({ value: c.url, label: c.name }))}
      value={connection.calendarUrl}
      allowDeselect={false}
      onChange={(url) => {
        if (!url) return;
        change.mutate({ method: 'PATCH', path: `/${connection.id}`, body: { calendarUrl: url } });
        setPicking(false);
      }}
    />
  );
}

function Connection({ connection }: { connection: CalendarConnection }) {
  const change = useCalendarChange();
  const h = connection.health;
  const look = stateLook[h.state];
  const counts: [string, number][] = [
    ['Events read', h.seen],
    ['Meetings imported', h.imported],
    ['Meetings updated or binned', h.updated],
    ['Written to the calendar', h.pushed],
    ['Could not be read', h.failed],
  ];
  return (
    <Stack gap="xs" data-testid="calendar-connection">
      <Group justify="space-between">
        <Text fw={600}>
          {connection.username} at {new URL(connection.url).host}
        </Text>
        <Badge variant="light" color={look.color} c="dark.8">
          {look.label}
        </Badge>
      </Group>
      <CalendarPicker connection={connection} />
      <Table withRowBorders={false} fz="sm">
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>Last successful sync</Table.Td>
            <Table.Td>{when(h.lastSuccessAt)}</Table.Td>
          </Table.Tr>
          {counts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td>{label}</Table.Td>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {h.lastError && (
        <Text c="var(--mantine-color-error)" size="sm" role="alert">
          {h.lastError}
        </Text>
      )}
      {h.log.length > 0 && (
        <ul aria-label="Last sync" style={{ margin: 0, paddingLeft: '1.2em' }}>
          {h.log.map((line, i) => (
            <li key={i}>
              <Text size="sm">{line}</Text>
            </li>
          ))}
        </ul>
      )}
      <Group>
        <Button
          variant="default"
          disabled={connection.calendarUrl === null}
          loading={change.isPending}
          onClick={() => change.mutate({ method: 'POST', path: `/${connection.id}/sync` })}
        >
          Sync now
        </Button>
        <Button
          variant="subtle"
          color="red"
          onClick={() =>
            modals.openConfirmModal({
              title: 'Stop syncing this calendar?',
              children: (
                <Text size="sm">
                  Meetings already brought in stay in Rapport. Connecting the calendar again later brings its
                  events in as new meetings.
                </Text>
              ),
              labels: { confirm: 'Stop syncing', cancel: 'Keep syncing' },
              confirmProps: { color: 'red.9' },
              onConfirm: () => change.mutate({ method: 'DELETE', path: `/${connection.id}` }),
            })
          }
        >
          Remove
        </Button>
      </Group>
    </Stack>
  );
}

/** The user's CalDAV calendar: connect it, pick the calendar, see its sync health, sync now, remove it. */
export function CalendarSyncCard(): React.JSX.Element {
  const connections = useCalendarConnections();
  const change = useCalendarChange();
  const [form, setForm] = useState({ url: '', username: '', password: '' });
  const error = change.error instanceof Error ? change.error.message : null;
  return (
    <Card withBorder component="section" aria-labelledby="calendar-sync-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="calendar-sync-title">
          Calendar sync
        </Title>
        <Text size="sm" c="dimmed">
          Meetings in your own calendar (CalDAV: Nextcloud, Fastmail, iCloud, Radicale…) come into Rapport
          linked to the contacts invited, and your meetings in Rapport go to that calendar.
        </Text>
        {(connections.data ?? []).map((c) => (
          <Connection key={c.id} connection={c} />
        ))}
        {connections.data?.length === 0 && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              change.mutate({ method: 'POST', path: '', body: form });
            }}
          >
            <Stack gap="xs">
              <TextInput
                label="Calendar server address"
                placeholder="https://cloud.example.com/remote.php/dav"
                required
                type="url"
                value={form.url}
                onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
              />
              <Group grow>
                <TextInput
                  label="User"
                  required
                  autoComplete="off"
                  value={form.username}
                  onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
                />
                <PasswordInput
                  label="Password (an app password where the server offers one)"
                  required
                  autoComplete="new-password"
                  value={form.password}
                  onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
                />
              </Group>
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
        )}
      </Stack>
    </Card>
  );
}
