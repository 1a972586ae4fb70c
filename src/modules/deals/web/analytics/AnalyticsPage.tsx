import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useObjectMeta } from '../../../../web/api/metadata';
import { useSession } from '../../../../web/api/session';
import { usePipelines } from '../api';
import { formatMoney } from '../../../../web/components/fields/money';
import { useAnalytics } from './api';
import { AttentionTable } from './AttentionTable';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

function Summary({ pipelineId }: { pipelineId: string | null }) {
  const s = useAnalytics('summary', pipelineId).data;
  const currency = useSession()?.workspace.baseCurrency ?? 'USD';
  if (!s) return null;
  const tiles: [string, string][] = [
    ['Win rate', percent(s.winRate)],
    ['Average won deal', s.averageDealSize ? formatMoney(s.averageDealSize, currency) : '—'],
    ['Average cycle', s.averageCycleDays === null ? '—' : `${s.averageCycleDays} days`],
    ['Open deals', String(s.openDeals)],
    ['Sales velocity', s.salesVelocityPerDay ? `${formatMoney(s.salesVelocityPerDay, currency)} a day` : '—'],
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} aria-label="Pipeline summary">
      {tiles.map(([label, value]) => (
        <Paper key={label} withBorder p="xs">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700}>{value}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Chart({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm" role="figure" aria-label={title}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Where deals convert, stall and win: charts over the last year of the chosen pipeline. */
export function AnalyticsPage() {
  const pipelines = usePipelines().data ?? [];
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const chosen = pipelineId ?? pipelines.find((p) => p.isDefault)?.id ?? null;
  const [by, setBy] = useState('owner');
  // Size bands are amounts: a role the amount is hidden from is not offered them (the API refuses them).
  const seesAmount = useObjectMeta('deals')?.fields.some((f) => f.name === 'amount') ?? false;
  const funnel = useAnalytics('funnel', chosen).data;
  const wins = useAnalytics('win-rates', chosen, `by=${by}`).data;
  const cycle = useAnalytics('cycle-time', chosen).data;
  const stay = useAnalytics('time-in-stage', chosen).data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          Pipeline analytics
        </Title>
        <Select
          label="Pipeline"
          data={pipelines.map((p) => ({ value: p.id, label: p.name }))}
          value={chosen}
          onChange={setPipelineId}
          allowDeselect={false}
          w={220}
        />
      </Group>
      <Text size="sm" c="dimmed">
        The last 365 days; amounts in the workspace's base currency at each deal's close-day rate.
      </Text>
      <Summary pipelineId={chosen} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Chart title="Conversion funnel">
          <BarChart
            h={240}
            data={(funnel?.stages ?? []).map((s) => ({ stage: s.name, Deals: s.reached }))}
            dataKey="stage"
            series={[{ name: 'Deals', color: 'blue.6' }]}
          />
        </Chart>
        <Chart title="Win rate">
          <SegmentedControl
            size="xs"
            mb="xs"
            value={by}
            onChange={setBy}
            data={[
              { value: 'owner', label: 'Owner' },
              { value: 'source', label: 'Source' },
              ...(seesAmount ? [{ value: 'sizeBand', label: 'Deal size' }] : []),
              { value: 'stageReached', label: 'Stage reached' },
            ]}
          />
          <BarChart
            h={220}
            data={(wins?.data ?? []).map((w) => ({
              group: w.name,
              'Win rate %': Math.round((w.winRate ?? 0) * 100),
            }))}
            dataKey="group"
            series={[{ name: 'Win rate %', color: 'teal.6' }]}
          />
        </Chart>
        <Chart title="Sales cycle (created to won)">
          <BarChart
            h={240}
            data={(cycle?.buckets ?? []).map((b) => ({ days: b.label, Deals: b.deals }))}
            dataKey="days"
            series={[{ name: 'Deals', color: 'grape.6' }]}
          />
          {cycle ? (
            <Text size="xs" c="dimmed">
              Median {cycle.medianDays ?? '—'} days, 90th percentile {cycle.p90Days ?? '—'} days
            </Text>
          ) : null}
        </Chart>
        <Chart title="Days in stage">
          <BarChart
            h={240}
            data={(stay?.stages ?? []).map((s) => ({
              stage: s.name,
              Average: s.averageDays ?? 0,
              Median: s.medianDays ?? 0,
            }))}
            dataKey="stage"
            series={[
              { name: 'Average', color: 'orange.6' },
              { name: 'Median', color: 'yellow.6' },
            ]}
          />
        </Chart>
      </SimpleGrid>
      <Chart title="Stale and slipped deals">
        <AttentionTable pipelineId={chosen} />
      </Chart>
    </Stack>
  );
}
