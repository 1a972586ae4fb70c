import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useSession } from '../../../web/api/session';
import { objectiveStatusLabels } from '../contract';
import { useScorecard } from './api';
import { formatMeasure } from './format';
import { statusColor } from './MeasureTile';

/** The home page's first section for managers and admins: each objective, its figure and its status. */
export function ScorecardSummary() {
  const session = useSession();
  const scorecard = useScorecard();
  const currency = session?.workspace.baseCurrency ?? 'USD';
  const withObjectives = scorecard.data?.tiles.filter((t) => t.objective) ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="scorecard-summary-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="scorecard-summary-title">
          Is Rapport working?
        </Title>
        <Anchor renderRoot={(props) => <Link {...props} to="/scorecard" />} size="sm">
          The scorecard
        </Anchor>
      </Group>
      {scorecard.isPending && <Skeleton h={60} />}
      {scorecard.data && withObjectives.length === 0 && (
        <Text size="sm" c="dimmed">
          No objectives yet: set what the CRM is for on the scorecard, and their status shows here.
        </Text>
      )}
      <Stack gap={6}>
        {withObjectives.map((tile) => (
          <Group key={tile.measure} justify="space-between" wrap="nowrap" data-testid="objective-summary">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {tile.objective!.name}
              </Text>
              <Text size="xs" c="dimmed">
                {tile.label}: {formatMeasure(tile.value, tile.unit, currency)} · target{' '}
                {formatMeasure(tile.objective!.target, tile.unit, currency)} by {tile.objective!.dueDate}
              </Text>
            </Stack>
            {tile.status && (
              <Badge
                color={statusColor[tile.status]}
                variant="light"
                c="var(--mantine-color-text)"
                style={{ flexShrink: 0 }}
              >
                {objectiveStatusLabels[tile.status]}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
