import { Card, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { practiceLabels } from '../contract';
import { useSession } from '../../../web/api/session';
import { useAdoption } from './api';
import { FrictionView } from './FrictionView';
import { Kudos } from './Kudos';
import { WeeklyHighlight, WeeklyHighlightSwitch } from './WeeklyHighlight';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** Adoption, about practices and teams; per-person figures only where the workspace enables them. */
export function AdoptionPage() {
  const adoption = useAdoption().data;
  const isAdmin = useSession()?.user.role === 'admin';
  if (!adoption) return null;
  return (
    <Stack>
      <Title order={1} size="h2">
        Adoption
      </Title>
      <Text size="sm" c="dimmed">
        Practices of the people who own open deals; a deal untouched for more than {adoption.stageUpdateDays}{' '}
        days counts against keeping stages current.
        {adoption.firstActionMedianHours !== null &&
          ` New users since go-live (${adoption.newUsers}) made their first change after ${adoption.firstActionMedianHours} hours (median).`}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {adoption.groups.map((group) => (
          <Card key={group.teamId ?? 'all'} withBorder>
            <Text fw={600}>{group.name}</Text>
            <Text size="sm" c="dimmed">
              {group.weeklyActive} of {group.seats} seats active this week
            </Text>
            <Stack gap={6} mt="sm">
              {group.practices.map((p) => (
                <div key={p.practice}>
                  <Text size="sm">
                    {p.label}:{' '}
                    {p.dataAvailable
                      ? `${percent(p.share)} (${p.followers} of ${p.users})`
                      : `not measured yet (${p.reason})`}
                  </Text>
                  {p.share !== null && (
                    <Progress
                      value={p.share * 100}
                      size="sm"
                      aria-label={`${p.label}: ${percent(p.share)}`}
                    />
                  )}
                </div>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h4">
        Features used in the last 28 days
      </Title>
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Object</Table.Th>
            <Table.Th>Use</Table.Th>
            <Table.Th>Times</Table.Th>
            <Table.Th>People</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {adoption.features.map((f) => (
            <Table.Tr key={`${f.object}:${f.action}`}>
              <Table.Td>{f.object || '—'}</Table.Td>
              <Table.Td>{f.action}</Table.Td>
              <Table.Td>{f.events}</Table.Td>
              <Table.Td>{f.users}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        Not used in 28 days: {adoption.ignored.map((f) => `${f.object} ${f.action}`).join(', ') || 'nothing'}
      </Text>
      {isAdmin && <FrictionView />}
      {isAdmin && <WeeklyHighlightSwitch />}
      <WeeklyHighlight showEmpty order={2} />
      <Kudos />
      {adoption.individuals && (
        <>
          <Title order={2} size="h4">
            People
          </Title>
          {adoption.individuals.map((p) => (
            <Text key={p.userId} size="sm">
              {p.name}: {p.practices.map((x) => practiceLabels[x]).join(', ') || 'none of the practices yet'}
            </Text>
          ))}
        </>
      )}
    </Stack>
  );
}
