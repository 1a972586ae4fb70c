import { Alert, Anchor, Button, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import type { ImportState } from '../contract';
import { cancelImport, importLogUrl, undoImport, useImportState } from './api';

function Counts({ state }: { state: ImportState }) {
  const tiles: [string, number][] = [
    [state.dryRun ? 'Would create' : 'Created', state.counts.created],
    [state.dryRun ? 'Would update' : 'Updated', state.counts.updated],
    [state.dryRun ? 'Would skip' : 'Skipped', state.counts.skipped],
    ['Rejected', state.counts.rejected],
  ];
  // A contacts file with deal columns, and new records alike earlier ones (in the duplicates queue).
  if (state.dealsCreated)
    tiles.push([state.dryRun ? 'Deals would be created' : 'Deals created', state.dealsCreated]);
  if (state.possibleDuplicates) tiles.push(['Possible duplicates', state.possibleDuplicates]);
  return (
    <SimpleGrid cols={{ base: 2, sm: tiles.length }}>
      {tiles.map(([label, value]) => (
        <Stack key={label} gap={0} align="center">
          <Text size="xl" fw={700} data-testid={`count-${label}`}>
            {value}
          </Text>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** How many values of each column were refused, once the import is over: where the file needs cleaning. */
function InvalidValues({ state }: { state: ImportState }) {
  if (!state.invalidValues?.length) return null;
  return (
    <Table data-testid="invalid-values">
      <Table.Caption>Invalid values by column</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column</Table.Th>
          <Table.Th>Field</Table.Th>
          <Table.Th>Rows refused for it</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {state.invalidValues.map((v) => (
          <Table.Tr key={v.field}>
            <Table.Td>{v.column ?? '(not in the file)'}</Table.Td>
            <Table.Td>{v.field}</Table.Td>
            <Table.Td>{v.count}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An import while it runs (progress, cancel) and once it is over (counts, row errors, log, undo). */
export function ImportResult({ id }: { id: string }) {
  const query = useImportState(id);
  const [busy, setBusy] = useState(false);
  const state = query.data;
  if (!state) return <Text c="dimmed">Starting…</Text>;
  const running = state.status === 'queued' || state.status === 'running';
  const percent = state.total ? Math.round((state.processed / state.total) * 100) : 0;
  const act = (work: () => Promise<unknown>, action: string) => async () => {
    setBusy(true);
    try {
      await work();
      await query.refetch();
    } catch (error) {
      notifyFailure(error, action);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Text fw={600} data-testid="import-status">
          {state.dryRun ? 'Dry run' : 'Import'} {state.status}
        </Text>
        <Text size="sm" c="dimmed">
          {state.processed} of {state.total ?? '…'} rows
        </Text>
      </Group>
      <Progress value={running ? percent : 100} animated={running} aria-label="Import progress" />
      <Counts state={state} />
      {state.failure && <Alert color="red">{state.failure}</Alert>}
      <InvalidValues state={state} />
      {state.errors.length > 0 && (
        <Table data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {state.errors.slice(0, 50).map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.field ?? '(row)'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        {running && (
          <Button variant="default" loading={busy} onClick={act(() => cancelImport(id), 'Could not cancel')}>
            Cancel import
          </Button>
        )}
        {!running && (
          <Anchor href={importLogUrl(id)} download>
            Download the row log (CSV)
          </Anchor>
        )}
        {!running && !state.dryRun && state.status !== 'undone' && (
          <Button
            color="red"
            variant="light"
            loading={busy}
            onClick={act(() => undoImport(id), 'Could not undo')}
          >
            Undo import
          </Button>
        )}
      </Group>
    </Stack>
  );
}
