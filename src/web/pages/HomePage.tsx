import { Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Suspense } from 'react';
import type { ObjectMeta } from '../../common/metadata';
import type { Page } from '../../common/pagination';
import { apiRequest } from '../api/http';
import { useObjects } from '../api/metadata';
import type { CrmRecord } from '../api/records';
import { useSession } from '../api/session';
import { webRegistry } from '../registry';
import { ObjectIcon } from '../shell/objectIcons';
import { RecentlyViewed } from './RecentlyViewed';

function ObjectCard({ object }: { object: ObjectMeta }) {
  const count = useQuery({
    queryKey: ['records', object.name, 'count'],
    queryFn: () =>
      apiRequest<Page<CrmRecord>>(`/${object.name}?limit=1&count=true`).then((p) => p.total ?? p.data.length),
    staleTime: 60_000,
  });
  return (
    <Card
      renderRoot={(props) => <Link {...props} to="/o/$object" params={{ object: object.name }} />}
      withBorder
      padding="lg"
    >
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {object.labelPlural}
          </Text>
          {count.isPending ? (
            <Skeleton h={30} w={80} />
          ) : (
            <Text fz={26} fw={700} lh="30px">
              {count.data?.toLocaleString() ?? '—'}
            </Text>
          )}
        </Stack>
        <ObjectIcon object={object.name} size={28} />
      </Group>
    </Card>
  );
}

export function HomePage() {
  const session = useSession();
  const objects = useObjects();
  const firstName = session?.user.name.split(/\s+/)[0] ?? '';
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Hello{firstName ? `, ${firstName}` : ''}
        </Title>
        <Text c="dimmed">
          {session?.workspace.name} · press <b>Ctrl K</b> to find or create anything, <b>?</b> for shortcuts.
        </Text>
      </Stack>
      {webRegistry()
        .homeSections(session)
        .map(({ key, component: Section }) => (
          <Suspense key={key} fallback={null}>
            <Section />
          </Suspense>
        ))}
      <RecentlyViewed />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {objects.map((object) => (
          <ObjectCard key={object.name} object={object} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
