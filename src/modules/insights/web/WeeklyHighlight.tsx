import { Card, Group, List, Switch, Text, Title, type TitleOrder } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { notifyFailure } from '../../../web/api/notify';
import { useInsightsSettings, useUpdateInsightsSettings, useWeeklyHighlight } from './api';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const score = (value: number) => value.toLocaleString(undefined, { maximumFractionDigits: 1 });

/**
 * This week's praise, when the workspace has turned it on: teams that used Rapport more than the week
 * before, and records whose data got cleaner. Shares of a team and quality scores, never anyone's minutes.
 * On the home page it shows only when there is something to praise; the adoption page says when there is not.
 */
export function WeeklyHighlight({
  showEmpty = false,
  order = 2,
}: {
  showEmpty?: boolean;
  order?: TitleOrder;
}) {
  const highlight = useWeeklyHighlight().data;
  if (!highlight?.enabled) return null;
  const { teams, quality } = highlight;
  const nothing = teams.length === 0 && quality.length === 0;
  if (nothing && !showEmpty) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="weekly-highlight-title">
      <Group gap="xs" mb={4} wrap="nowrap">
        <IconSparkles size={20} aria-hidden />
        <Title order={order} size="h4" id="weekly-highlight-title">
          This week’s highlight
        </Title>
      </Group>
      {nothing ? (
        <Text size="sm">
          Nothing to celebrate yet this week. Teams show here when more of their people use Rapport than the
          week before, and records when their data gets cleaner.
        </Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {teams.length && quality.length
              ? 'Well done: these teams used Rapport more than the week before, and these records got cleaner.'
              : teams.length
                ? 'Well done: these teams used Rapport more than the week before.'
                : 'Well done: these records got cleaner than the week before.'}
          </Text>
          <List size="sm" spacing={6} data-testid="weekly-highlight">
            {teams.map((team) => (
              <List.Item key={team.teamId}>
                <b>{team.name}</b>: {percent(team.thisWeek)} of the team used Rapport this week, up from{' '}
                {percent(team.weekBefore)} the week before.
              </List.Item>
            ))}
            {quality.map((q) => (
              <List.Item key={q.object}>
                <b>{q.label}</b> got cleaner: data quality {score(q.thisWeek)} out of 100, up from{' '}
                {score(q.weekBefore)} the week before.
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}

/** The admin's switch for the weekly highlight (an opt-in of the workspace). */
export function WeeklyHighlightSwitch() {
  const settings = useInsightsSettings().data;
  const update = useUpdateInsightsSettings();
  if (!settings) return null;
  return (
    <Switch
      label="Weekly highlight"
      description="Praise, on everyone’s home page, the teams whose use of Rapport rose most this week and the records whose data got cleaner. Only shares of a team and quality scores: no one’s clicks or minutes."
      checked={settings.weeklyHighlight}
      disabled={update.isPending}
      onChange={(e) =>
        update.mutate(
          { weeklyHighlight: e.currentTarget.checked },
          { onError: (error) => notifyFailure(error, 'The weekly highlight was not changed') },
        )
      }
    />
  );
}
