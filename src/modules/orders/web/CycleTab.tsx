import { LineChart } from '@mantine/charts';
import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { cyclePeriods } from '../contract';
import { useCycle } from './api';
import { cycleSteps, formatDays } from './cycleSteps';
import { ReportTable } from './ReportTable';

const colors = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.7'];
const date = (iso: string | null) => (iso ? dayjs(iso).format('D MMM YYYY') : '—');

/**
 * Prospect to payment: the median days of each step over the won deals, their medians per month or
 * quarter of winning (is the cycle getting shorter?), and the latest won deals step by step.
 */
export function CycleTab() {
  const [period, setPeriod] = useState<(typeof cyclePeriods)[number]>('month');
  const cycle = useCycle(period).data;
  if (!cycle) return <Text c="dimmed">Loading…</Text>;
  if (cycle.overall.wonDeals === 0)
    return <Text c="dimmed">No won deals yet: the cycle shows once a deal is won.</Text>;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 5 }} aria-label="Median days of each step">
        {cycleSteps.map((step) => (
          <Paper key={step.label} withBorder p="xs">
            <Text size="xs" c="dimmed">
              {step.label}
            </Text>
            <Text fw={700}>{formatDays(cycle.overall[step.median] as number | null)}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Medians over {cycle.overall.wonDeals} won deals, {cycle.overall.paidDeals} of them paid. First touch
        is the earliest activity with the deal, its account or their people, or the earliest change of their
        lifecycle stage.
      </Text>
      <Paper withBorder p="sm" role="figure" aria-label="Median days of each step by period of winning">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h5">
            Is the cycle getting shorter?
          </Title>
          <SegmentedControl
            size="xs"
            value={period}
            onChange={(v) => setPeriod(v as typeof period)}
            data={[
              { value: 'month', label: 'By month' },
              { value: 'quarter', label: 'By quarter' },
            ]}
          />
        </Group>
        <LineChart
          h={260}
          data={cycle.byPeriod.map((p) => ({
            period: p.period,
            ...Object.fromEntries(cycleSteps.map((s) => [s.label, p[s.median]])),
          }))}
          dataKey="period"
          unit=" d"
          connectNulls
          withLegend
          series={cycleSteps.map((s, i) => ({ name: s.label, color: colors[i] }))}
        />
      </Paper>
      <Title order={2} size="h5">
        Latest won deals
      </Title>
      <ReportTable label="Latest won deals, step by step" minWidth={1100}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deal</Table.Th>
            <Table.Th>First touch</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Won</Table.Th>
            <Table.Th>Booked</Table.Th>
            <Table.Th>Paid</Table.Th>
            {cycleSteps.map((s) => (
              <Table.Th key={s.label} ta="right">
                {s.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cycle.data.map((d) => (
            <Table.Tr key={d.dealId}>
              <Table.Td>
                <Anchor
                  size="sm"
                  renderRoot={(props) => (
                    <Link {...props} to="/o/$object/$id" params={{ object: 'deals', id: d.dealId }} />
                  )}
                >
                  {d.dealName}
                </Anchor>
              </Table.Td>
              <Table.Td>{date(d.firstTouchAt)}</Table.Td>
              <Table.Td>{date(d.dealCreatedAt)}</Table.Td>
              <Table.Td>{date(d.wonAt)}</Table.Td>
              <Table.Td>{date(d.bookedAt)}</Table.Td>
              <Table.Td>{date(d.paidAt)}</Table.Td>
              {cycleSteps.map((s) => (
                <Table.Td key={s.label} ta="right">
                  {formatDays(d[s.days] as number | null)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ReportTable>
    </Stack>
  );
}
