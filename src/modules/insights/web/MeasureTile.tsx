import { Badge, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Sparkline } from '@mantine/charts';
import { objectiveStatusLabels, type ObjectiveStatus, type ScorecardTile } from '../contract';
import { formatMeasure } from './format';

export const statusColor: Record<ObjectiveStatus, string> = {
  onTrack: 'teal',
  atRisk: 'yellow',
  offTrack: 'red',
};

/** One question of the scorecard: its figure, its trend since go-live, its objective and status. */
export function MeasureTile({
  tile,
  currency,
  onOpen,
}: {
  tile: ScorecardTile;
  currency: string;
  onOpen?: (tile: ScorecardTile) => void;
}) {
  const points = tile.trend.filter((p) => p.value !== null).map((p) => Number(p.value));
  return (
    <Card withBorder padding="md" radius="md" h="100%" data-testid={`tile-${tile.measure}`}>
      {/* Named by what it shows (axe: a name must contain the visible text). */}
      <UnstyledButton onClick={() => onOpen?.(tile)} disabled={!onOpen}>
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={600}>
              {tile.label}
            </Text>
            {tile.status && (
              <Badge color={statusColor[tile.status]} variant="light" size="sm" c="var(--mantine-color-text)">
                {objectiveStatusLabels[tile.status]}
              </Badge>
            )}
          </Group>
          {tile.dataAvailable ? (
            <>
              <Text size="xl" fw={700}>
                {formatMeasure(tile.value, tile.unit, currency)}
              </Text>
              {points.length > 1 && (
                <Sparkline h={36} data={points} curveType="linear" color="indigo" fillOpacity={0.15} />
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Not measured yet: {tile.reason}
            </Text>
          )}
          {tile.objective && (
            <Text size="xs" c="dimmed">
              {tile.objective.name}: {formatMeasure(tile.objective.target, tile.unit, currency)} by{' '}
              {tile.objective.dueDate} (plan today:{' '}
              {formatMeasure(tile.objective.expected, tile.unit, currency)})
            </Text>
          )}
        </Stack>
      </UnstyledButton>
    </Card>
  );
}
