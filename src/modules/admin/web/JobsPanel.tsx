import {
  Badge,
  Button,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { JobState, JobView } from '../../../common/jobs';
import { notifyFailure } from '../../../web/api/notify';
import { useJobs, useRetryJob } from './api';
import { StackingTable } from '../../../web/components/StackingTable';

const shown: { value: JobState; label: string }[] = [
  { value: 'queued', label: 'Queued' },
  { value: 'running', label: 'Running' },
  { value: 'failed', label: 'Failed' },
];
const stateColor: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  failed: 'red',
  completed: 'green',
};
const when = (at: string | null) => (at ? dayjs(at).format('D MMM, HH:mm:ss') : '—');

/** Background work of the workspace (imports, emails, event deliveries): what waits, runs or failed. */
export function JobsPanel() {
  const [state, setState] = useState<JobState>('queued');
  const [cursors, setCursors] = useState<string[]>([]);
  const jobs = useJobs(state, cursors.at(-1) ?? null);
  const retry = useRetryJob();
  const show = (next: string) => {
    setState(next as JobState);
    setCursors([]);
  };
  const rows = jobs.data?.data ?? [];

  return (
    <Stack>
      <SegmentedControl data={shown} value={state} onChange={show} w="fit-content" />
      {jobs.isPending ? (
        <Skeleton h={120} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          No {state} jobs.
        </Text>
      ) : (
        <StackingTable verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>{state === 'queued' ? 'Runs after' : 'Started'}</Table.Th>
              <Table.Th>Last error</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((job: JobView) => (
              <Table.Tr key={job.id}>
                <Table.Td>
                  <Text size="sm">{job.name}</Text>
                  <Text size="xs" c="dimmed">
                    created {when(job.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={stateColor[job.state]} variant="light">
                    {job.state}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {job.attempts} of {job.retryLimit + 1}
                </Table.Td>
                <Table.Td>{when(state === 'queued' ? job.startAfter : job.startedAt)}</Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" c={job.error ? 'var(--mantine-color-error)' : 'dimmed'} lineClamp={2}>
                    {job.error ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {job.state === 'failed' && (
                    <Button
                      size="xs"
                      variant="light"
                      loading={retry.isPending && retry.variables === job.id}
                      onClick={() =>
                        retry.mutate(job.id, {
                          onError: (e) => notifyFailure(e, 'Could not retry the job'),
                        })
                      }
                    >
                      Retry
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
      <Group justify="flex-end">
        {cursors.length > 0 && (
          <Button variant="subtle" size="xs" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </Button>
        )}
        {jobs.data?.nextCursor && (
          <Button variant="subtle" size="xs" onClick={() => setCursors([...cursors, jobs.data.nextCursor!])}>
            Older
          </Button>
        )}
      </Group>
    </Stack>
  );
}
