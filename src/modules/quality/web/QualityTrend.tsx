import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../../../web/api/session';
import { takeSnapshot, useQualityTrend } from './api';

/** How the score moved against 30 days before, in words. */
function change(points: number | null): string {
  if (points === null) return 'Not enough history yet to compare with 30 days ago.';
  if (points === 0) return 'The same as 30 days ago.';
  return `${Math.abs(points)} points ${points > 0 ? 'better' : 'worse'} than 30 days ago.`;
}

/** The object's average score day by day over 90 days, from the daily snapshots. */
export function QualityTrend({ object }: { object: string }) {
  const trend = useQualityTrend(object);
  const session = useSession();
  const client = useQueryClient();
  const [taking, setTaking] = useState(false);
  const data = (trend.data?.data ?? []).map((d) => ({ day: d.day, Score: d.score }));
  const snapshot = async () => {
    setTaking(true);
    try {
      await takeSnapshot(object);
      await client.invalidateQueries({ queryKey: ['records', object, 'quality', 'trend'] });
    } finally {
      setTaking(false);
    }
  };
  return (
    <Paper withBorder p="md" mb="lg" data-testid="quality-trend">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Score over 90 days
        </Title>
        {session?.user.role === 'admin' && (
          <Button size="xs" variant="default" loading={taking} onClick={() => void snapshot()}>
            Take a snapshot now
          </Button>
        )}
      </Group>
      {data.length ? (
        <>
          <div role="img" aria-label={`Average quality score by day, latest ${data[data.length - 1].Score}%`}>
            <LineChart
              h={180}
              data={data}
              dataKey="day"
              yAxisProps={{ domain: [0, 100] }}
              valueFormatter={(v) => `${v}%`}
              series={[{ name: 'Score', color: 'indigo.6' }]}
              withDots={data.length < 30}
            />
          </div>
          <Text size="sm" mt="xs" data-testid="quality-trend-change">
            {change(trend.data?.scoreChange30Days ?? null)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          No snapshot yet: one is taken every night.
        </Text>
      )}
    </Paper>
  );
}
