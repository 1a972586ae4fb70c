import {
  Badge,
  Button,
  Container,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useObjectMeta, useObjects } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import type { DuplicatePair } from '../contract';
import { dismissPair, startScan, useDuplicateQueue, useRefreshAfterMerge, useScan } from './api';
import { MergeDialog } from './MergeDialog';

/** The review queue: pairs the background scan found, best first, each merged or dismissed here. */
export function ReviewQueuePage() {
  const objects = useObjects().filter((o) => o.name !== 'pipelines');
  const [object, setObject] = useState('contacts');
  const meta = useObjectMeta(object);
  const queue = useDuplicateQueue(object);
  const [scanId, setScanId] = useState<string | null>(null);
  const scan = useScan(scanId);
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const refresh = useRefreshAfterMerge();
  const finished = scan.data?.status === 'done' || scan.data?.status === 'failed';
  const scanning = !!scanId && !finished;
  useEffect(() => {
    if (!finished) return;
    setScanId(null);
    void refresh();
  }, [finished, refresh]);
  const run = async (work: () => Promise<unknown>, action: string) => {
    try {
      await work();
    } catch (error) {
      notifyFailure(error, action);
    }
  };
  return (
    <Container size="lg" py="md">
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Duplicates to review
        </Title>
        <Group>
          <Select
            aria-label="Object"
            data={objects.map((o) => ({ value: o.name, label: o.labelPlural }))}
            value={object}
            onChange={(v) => v && setObject(v)}
            allowDeselect={false}
          />
          <Button
            loading={!!scanning}
            onClick={() =>
              run(async () => setScanId((await startScan(object)).id), 'Could not start the scan')
            }
          >
            Scan now
          </Button>
        </Group>
      </Group>
      {scanning && <Text c="dimmed">Scanned {scan.data?.scanned ?? 0} records…</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Records</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(queue.data?.data ?? []).map((pair) => (
            <Table.Tr key={pair.recordIds.join()}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{pair.titles[0]}</Text>
                  <Text size="sm">{pair.titles[1]}</Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{Math.round(pair.score * 100)}%</Badge>
              </Table.Td>
              <Table.Td>{pair.reasons.join(', ')}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end">
                  <Button size="xs" onClick={() => setMerging(pair)}>
                    Merge
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() =>
                      run(async () => {
                        await dismissPair(object, pair.recordIds);
                        await refresh();
                      }, 'Could not dismiss')
                    }
                  >
                    Not duplicates
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {queue.data?.data.length === 0 && (
        <Text c="dimmed">Nothing to review. Run a scan to look for duplicates.</Text>
      )}
      {merging && meta && (
        <MergeDialog meta={meta} ids={merging.recordIds} opened onClose={() => setMerging(null)} />
      )}
    </Container>
  );
}
