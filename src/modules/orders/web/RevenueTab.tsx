import { BarChart } from '@mantine/charts';
import { Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { formatMoney } from '../../../web/components/fields/money';
import { useRevenue } from './api';
import { ReportTable } from './ReportTable';

type Period = 'month' | 'quarter' | 'year';
/** How far back each period's view reaches: a year of months, two years of quarters, five years. */
const reach: Record<Period, { count: number; unit: 'month' | 'year' }> = {
  month: { count: 11, unit: 'month' },
  quarter: { count: 21, unit: 'month' },
  year: { count: 4, unit: 'year' },
};

const growth = (value: string | null) =>
  value === null
    ? '—'
    : `${Number(value) > 0 ? '+' : ''}${Number(value).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;

/** Revenue and margin per period with growth against the period before and the same period a year earlier. */
export function RevenueTab() {
  const [period, setPeriod] = useState<Period>('month');
  const to = dayjs().format('YYYY-MM-DD');
  const from = dayjs()
    .subtract(reach[period].count, reach[period].unit)
    .startOf('month')
    .format('YYYY-MM-DD');
  const revenue = useRevenue(period, from, to).data;
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={period}
        onChange={(v) => setPeriod(v as Period)}
        data={[
          { value: 'month', label: 'By month' },
          { value: 'quarter', label: 'By quarter' },
          { value: 'year', label: 'By year' },
        ]}
        aria-label="Revenue per"
        style={{ alignSelf: 'flex-start' }}
      />
      {!revenue ? (
        <Text c="dimmed">Loading…</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Orders booked, not cancelled, in {revenue.currency}, revenue before tax.
          </Text>
          <Paper withBorder p="sm" role="figure" aria-label="Revenue and margin by period">
            <Title order={2} size="h5" mb="xs">
              Revenue and margin
            </Title>
            <BarChart
              h={260}
              data={revenue.data.map((r) => ({
                period: r.period,
                Revenue: Number(r.revenue),
                Margin: Number(r.margin),
              }))}
              dataKey="period"
              withLegend
              valueFormatter={(v) => formatMoney(String(v), revenue.currency, true)}
              series={[
                { name: 'Revenue', color: 'blue.6' },
                { name: 'Margin', color: 'teal.6' },
              ]}
            />
          </Paper>
          <ReportTable label="Revenue and margin by period" minWidth={1040}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Period</Table.Th>
                <Table.Th ta="right">Revenue</Table.Th>
                <Table.Th ta="right">vs previous</Table.Th>
                <Table.Th ta="right">Last year</Table.Th>
                <Table.Th ta="right">vs last year</Table.Th>
                <Table.Th ta="right">Margin</Table.Th>
                <Table.Th ta="right">Margin vs previous</Table.Th>
                <Table.Th ta="right">Margin last year</Table.Th>
                <Table.Th ta="right">Margin vs last year</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...revenue.data].reverse().map((r) => (
                <Table.Tr key={r.period}>
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.revenue, revenue.currency)}</Table.Td>
                  <Table.Td ta="right">{growth(r.revenueGrowthPercent)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.lastYearRevenue, revenue.currency)}</Table.Td>
                  <Table.Td ta="right">{growth(r.revenueGrowthVsLastYearPercent)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.margin, revenue.currency)}</Table.Td>
                  <Table.Td ta="right">{growth(r.marginGrowthPercent)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.lastYearMargin, revenue.currency)}</Table.Td>
                  <Table.Td ta="right">{growth(r.marginGrowthVsLastYearPercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ReportTable>
        </>
      )}
    </Stack>
  );
}
