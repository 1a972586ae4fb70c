import { Anchor, Table, Text } from '@mantine/core';
import { formatMoney } from '../../../../web/components/fields/money';
import { ScrollableTable } from '../forecast/ScrollableTable';
import { useAnalytics } from './api';

/** Open deals somebody should look at: stale ones and those whose close date slipped. */
export function AttentionTable({ pipelineId }: { pipelineId: string | null }) {
  const report = useAnalytics('stale-slipped', pipelineId);
  if (!report.data) return <Text c="dimmed">Loading…</Text>;
  const rows = [
    ...report.data.stale.map((d) => ({ ...d, why: `No change or activity for ${d.idleDays} days` })),
    ...report.data.slipped.map((d) => ({ ...d, why: `Close date slipped from ${d.previousCloseDate}` })),
  ];
  if (rows.length === 0) return <Text c="dimmed">No stale or slipped deals.</Text>;
  return (
    <ScrollableTable label="Stale and slipped deals, scrollable" minWidth={700}>
      <Table striped aria-label="Stale and slipped deals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deal</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Close date</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={`${d.id}-${d.why}`}>
              <Table.Td>
                <Anchor href={`/o/deals/${d.id}`}>{d.name}</Anchor>
              </Table.Td>
              <Table.Td>{d.ownerName ?? '—'}</Table.Td>
              <Table.Td ta="right">
                {d.amount && d.currency ? formatMoney(d.amount, d.currency) : '—'}
              </Table.Td>
              <Table.Td>{d.closeDate ?? ''}</Table.Td>
              <Table.Td>{d.why}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollableTable>
  );
}
