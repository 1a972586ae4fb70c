import { AreaChart, BarChart, FunnelChart, LineChart, PieChart } from '@mantine/charts';
import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useRef } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import type { ReportAnswer, ReportDefinition } from '../contract';
import { chartSvgIn, downloadChartPng } from './chartPng';

const palette = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'red.6', 'lime.6', 'pink.6'];

const groupFields = (definition: ReportDefinition) =>
  (definition.groupBy ?? []).map((g) => (typeof g === 'string' ? g : g.field));
const text = (v: unknown) => (v === null || v === undefined ? '(none)' : String(v));
/** A grouped value in words: its option label or record name where the answer has one. */
const words = (answer: ReportAnswer, field: string, v: unknown) =>
  v === null || v === undefined ? '(none)' : (answer.labels.values[field]?.[String(v)] ?? String(v));

/** Rows as chart points: the first grouping on the axis, the second (if any) as series of the first measure. */
function chartData(definition: ReportDefinition, answer: ReportAnswer) {
  const [first, second] = groupFields(definition);
  if (!second) {
    const series = answer.labels.columns.slice(first ? 1 : 0);
    const data = answer.data.map((row) => ({
      label: first ? words(answer, first, row.group[first]) : 'All',
      ...Object.fromEntries(series.map((name, i) => [name, Number(row.values[i] ?? 0)])),
    }));
    return { data, series };
  }
  const byLabel = new Map<string, Record<string, string | number>>();
  const names = new Set<string>();
  for (const row of answer.data) {
    const label = words(answer, first, row.group[first]);
    const name = words(answer, second, row.group[second]);
    names.add(name);
    byLabel.set(label, { ...(byLabel.get(label) ?? { label }), [name]: Number(row.values[0] ?? 0) });
  }
  return { data: [...byLabel.values()], series: [...names] };
}

/** Charts drawn as SVG, which can be saved as a PNG. */
const drawn = new Set(['bar', 'line', 'area', 'pie', 'funnel']);

/** Whether the chart draws only the first of several measures: slices, a number, or series of a second grouping. */
const firstMeasureOnly = (definition: ReportDefinition) =>
  definition.measures.length > 1 &&
  (['pie', 'funnel', 'number'].includes(definition.chart) ||
    (drawn.has(definition.chart) && groupFields(definition).length > 1));

/**
 * A report drawn as its chart, with a table whose every row opens the records behind it; the chart
 * downloads as `<name>.png`.
 */
export function ReportChart({
  definition,
  answer,
  name,
}: {
  definition: ReportDefinition;
  answer: ReportAnswer;
  name: string;
}) {
  const drawing = useRef<HTMLDivElement>(null);
  const { data, series } = chartData(definition, answer);
  const savePng = () => {
    const svg = drawing.current && chartSvgIn(drawing.current);
    if (svg) downloadChartPng(svg, name).catch((error: Error) => notifyFailure(error, 'No PNG was made'));
  };
  const [axis] = groupFields(definition);
  const colored = series.map((name, i) => ({ name, color: palette[i % palette.length] }));
  const slices = answer.data.map((row, i) => ({
    name: axis ? words(answer, axis, row.group[axis]) : 'All',
    value: Number(row.values[0] ?? 0),
    color: palette[i % palette.length],
  }));
  const chart = (() => {
    switch (definition.chart) {
      case 'bar':
        return (
          <BarChart
            h={280}
            data={data}
            dataKey="label"
            series={colored}
            type={groupFields(definition)[1] ? 'stacked' : 'default'}
          />
        );
      case 'line':
        return <LineChart h={280} data={data} dataKey="label" series={colored} />;
      case 'area':
        return <AreaChart h={280} data={data} dataKey="label" series={colored} />;
      case 'pie':
        return <PieChart h={280} data={slices} withLabels withTooltip />;
      case 'funnel':
        return <FunnelChart h={280} data={slices} withTooltip />;
      case 'number':
        return (
          <Text fz={40} fw={700} data-testid="report-number">
            {String(answer.data[0]?.values[0] ?? '—')}
          </Text>
        );
      default:
        return null;
    }
  })();
  const fields = groupFields(definition);
  return (
    <>
      {drawn.has(definition.chart) && (
        <Group justify="flex-end">
          <Button size="compact-xs" variant="subtle" leftSection={<IconPhoto size={14} />} onClick={savePng}>
            Download PNG
          </Button>
        </Group>
      )}
      <div ref={drawing}>{chart}</div>
      {firstMeasureOnly(definition) && (
        <Text size="xs" c="dimmed" data-testid="report-chart-note">
          The chart shows the first measure, {answer.labels.columns[fields.length]}; the table shows them all.
        </Text>
      )}
      <Table.ScrollContainer
        minWidth={fields.length * 140 + definition.measures.length * 110}
        type="native"
        tabIndex={0}
        aria-label="Report table"
      >
        <Table striped withTableBorder data-testid="report-table">
          <Table.Thead>
            <Table.Tr>
              {answer.labels.columns.map((heading, i) => (
                <Table.Th key={i}>{heading}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {answer.data.map((row, r) => (
              <Table.Tr key={r}>
                {fields.map((f) => (
                  <Table.Td key={f}>{words(answer, f, row.group[f])}</Table.Td>
                ))}
                {row.values.map((v, i) => (
                  <Table.Td key={i}>
                    <Anchor
                      renderRoot={(props) => (
                        <Link
                          {...props}
                          to="/o/$object"
                          params={{ object: definition.object }}
                          search={{ filter: row.drill }}
                        />
                      )}
                    >
                      {text(v)}
                    </Anchor>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {answer.capped && (
        <Text size="xs" c="dimmed">
          Only the first 1,000 groups are shown.
        </Text>
      )}
    </>
  );
}
