import {
  Alert,
  Box,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { SpeedRow } from '../contract';
import { useSpeedToLead } from './api';
import { duration } from './duration';

const day = (d: Date) => d.toISOString().slice(0, 10);
const minutes = (m: number | null) => (m === null ? '—' : duration(m));

function Row({ row, strong = false }: { row: SpeedRow; strong?: boolean }) {
  return (
    <Table.Tr fw={strong ? 600 : undefined}>
      <Table.Td>{row.name}</Table.Td>
      <Table.Td ta="right">{minutes(row.medianMinutes)}</Table.Td>
      <Table.Td ta="right">{minutes(row.p90Minutes)}</Table.Td>
      <Table.Td ta="right">{row.touched}</Table.Td>
      <Table.Td ta="right">{row.untouched}</Table.Td>
    </Table.Tr>
  );
}

/** Minutes from a lead's capture to its first touch, per rep or team, over a period (the last 30 days first). */
export function SpeedTable() {
  const [to, setTo] = useState(() => day(new Date()));
  const [from, setFrom] = useState(() => day(new Date(Date.now() - 29 * 86_400_000)));
  const [by, setBy] = useState<'owner' | 'team'>('owner');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const speed = useSpeedToLead(from, to, by);
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h5" mb="xs">
        Speed to lead
      </Title>
      <Group align="flex-end" mb="xs" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={160}
        />
        <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={160} />
        <SegmentedControl
          aria-label="Group by"
          value={by}
          onChange={(v) => setBy(v as 'owner' | 'team')}
          data={[
            { value: 'owner', label: 'By rep' },
            { value: 'team', label: 'By team' },
          ]}
        />
      </Group>
      {!valid ? <Alert color="yellow">Pick a start date on or before the end date.</Alert> : null}
      {valid && speed.isLoading ? <Skeleton h={120} /> : null}
      {valid && speed.error ? <Alert color="red">Speed to lead could not be loaded.</Alert> : null}
      {valid && speed.data ? (
        <Box role="region" aria-label="Speed to lead, scrollable" tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table striped aria-label="Speed to lead" miw={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{by === 'team' ? 'Team' : 'Rep'}</Table.Th>
                <Table.Th ta="right">Median</Table.Th>
                <Table.Th ta="right">90th percentile</Table.Th>
                <Table.Th ta="right">Touched</Table.Th>
                <Table.Th ta="right">Untouched</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {speed.data.rows.map((row) => (
                <Row key={row.key ?? 'none'} row={row} />
              ))}
              <Row row={speed.data.totals} strong />
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt={4}>
            Time from capture to the first call, email, meeting or message by anyone.
          </Text>
        </Box>
      ) : null}
    </Paper>
  );
}
