import { Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney } from '../../../../web/components/fields/money';
import { useStatistical } from './api';

/** The statistical forecast beside the submitted one, and how it did on earlier periods. */
export function StatisticalPanel({ period }: { period: string }) {
  const stats = useStatistical(period);
  if (stats.isLoading) return <Skeleton h={160} />;
  if (!stats.data)
    return <Text c="var(--mantine-color-error)">The statistical forecast could not be computed.</Text>;
  const s = stats.data;
  // Money is null where deal amounts are hidden from the user's role; counts and odds still show.
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, s.currency));
  return (
    <Stack gap="xs">
      <Group gap="xl" aria-label="Statistical forecast">
        <div>
          <Text size="xs" c="dimmed">
            Expected
          </Text>
          <Text fw={700} size="xl">
            {money(s.expected)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            80% interval
          </Text>
          <Text fw={700}>
            {money(s.low)} – {money(s.high)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Closed won so far
          </Text>
          <Text>{money(s.closedWon)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Open deals weighed
          </Text>
          <Text>{s.openDeals}</Text>
        </div>
      </Group>
      <Text size="xs" c="dimmed">
        {s.method}
      </Text>
      {s.backtest.length ? (
        <Paper withBorder p="xs">
          <Title order={3} size="h6">
            How it did before
          </Title>
          <Table aria-label="Statistical forecast backtest">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Period</Table.Th>
                <Table.Th ta="right">Expected</Table.Th>
                <Table.Th ta="right">80% interval</Table.Th>
                <Table.Th ta="right">Closed won</Table.Th>
                <Table.Th>Inside?</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.backtest.map((b) => {
                const inside =
                  b.actual === null
                    ? null
                    : Number(b.actual) >= Number(b.low) && Number(b.actual) <= Number(b.high);
                return (
                  <Table.Tr key={b.period}>
                    <Table.Td>{b.period}</Table.Td>
                    <Table.Td ta="right">{money(b.expected)}</Table.Td>
                    <Table.Td ta="right">
                      {money(b.low)} – {money(b.high)}
                    </Table.Td>
                    <Table.Td ta="right">{money(b.actual)}</Table.Td>
                    <Table.Td fw={inside === false ? 700 : 400}>
                      {inside === null ? '—' : inside ? 'Yes' : 'No'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
