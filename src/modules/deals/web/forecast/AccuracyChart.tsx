import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Skeleton, Text } from '@mantine/core';
import { useAccuracy } from './api';

/**
 * Past periods: the commit the first and the last weekly snapshot showed, beside what closed won.
 * A period with no snapshot shows only what closed.
 */
export function AccuracyChart({ periods, currency }: { periods: string[]; currency: string }) {
  const accuracy = useAccuracy(periods);
  if (accuracy.isLoading) return <Skeleton h={260} />;
  if (!accuracy.data)
    return <Text c="var(--mantine-color-error)">The accuracy of past periods could not be loaded.</Text>;
  const data = accuracy.data.map((a) => ({
    period: a.period,
    'First week commit': a.weeks.length ? Number(a.weeks[0].commit) : 0,
    'Last week commit': a.weeks.length ? Number(a.weeks[a.weeks.length - 1].commit) : 0,
    'Closed won': Number(a.actual),
  }));
  return (
    <div aria-label="Forecast accuracy of past periods" role="figure">
      <BarChart
        h={260}
        data={data}
        dataKey="period"
        withLegend
        valueFormatter={(v) =>
          new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact' }).format(v)
        }
        series={[
          { name: 'First week commit', color: 'gray.5' },
          { name: 'Last week commit', color: 'blue.5' },
          { name: 'Closed won', color: 'teal.6' },
        ]}
      />
    </div>
  );
}
