import { Anchor, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { formatMoney } from '../../../web/components/fields/money';
import { marginGroupings } from '../contract';
import { useMargin } from './api';
import { ReportTable } from './ReportTable';

type Grouping = (typeof marginGroupings)[number];
const groupings: Record<Grouping, { label: string; object: string | null }> = {
  deal: { label: 'Deal', object: 'deals' },
  account: { label: 'Account', object: 'accounts' },
  product: { label: 'Product', object: 'products' },
  owner: { label: 'Owner', object: null },
};

const percent = (value: string | null) =>
  value === null ? '—' : `${Number(value).toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;

/** Revenue, cost and margin of the booked orders by deal, account, product or owner, best margin first. */
export function MarginTab() {
  const [by, setBy] = useState<Grouping>('deal');
  const margin = useMargin(by).data;
  const grouping = groupings[by];
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={by}
        onChange={(v) => setBy(v as Grouping)}
        data={marginGroupings.map((g) => ({ value: g, label: `By ${groupings[g].label.toLowerCase()}` }))}
        aria-label="Group margins by"
        style={{ alignSelf: 'flex-start' }}
      />
      {!margin ? (
        <Text c="dimmed">Loading…</Text>
      ) : margin.data.length === 0 ? (
        <Text c="dimmed">No booked orders yet.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Orders not cancelled, in {margin.currency} at each booking day's rate; cost is the quantity times
            the product's cost price when booked. The 100 best margins.
          </Text>
          <ReportTable label={`Margin by ${grouping.label.toLowerCase()}`} minWidth={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{grouping.label}</Table.Th>
                <Table.Th ta="right">Revenue</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
                <Table.Th ta="right">Margin</Table.Th>
                <Table.Th ta="right">Margin %</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {margin.data.map((row) => (
                <Table.Tr key={row.key ?? 'none'}>
                  <Table.Td>
                    {grouping.object && row.key ? (
                      <Anchor
                        size="sm"
                        renderRoot={(props) => (
                          <Link
                            {...props}
                            to="/o/$object/$id"
                            params={{ object: grouping.object!, id: row.key! }}
                          />
                        )}
                      >
                        {row.name ?? '(no name)'}
                      </Anchor>
                    ) : (
                      (row.name ?? '(none)')
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(row.revenue, margin.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(row.cost, margin.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(row.margin, margin.currency)}</Table.Td>
                  <Table.Td ta="right">{percent(row.marginPercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ReportTable>
        </>
      )}
    </Stack>
  );
}
