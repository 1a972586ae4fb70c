import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { RecentView } from '../../common/recentViews';
import { apiRequest } from '../api/http';
import { ObjectIcon } from '../shell/objectIcons';

/** The records the user opened lately, newest first: back to where they were in one click. */
export function RecentlyViewed() {
  const recent = useQuery({
    queryKey: ['recently-viewed'],
    queryFn: ({ signal }) =>
      apiRequest<{ data: RecentView[] }>('/me/recent?limit=8', { signal }).then((r) => r.data),
    staleTime: 15_000,
  });
  if (!recent.data || recent.data.length === 0) return null;
  return (
    <Card component="section" withBorder padding="md" aria-labelledby="recently-viewed-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="recently-viewed-title">
          Recently viewed
        </Title>
        {recent.data.map((r) => (
          <Group key={`${r.object}/${r.id}`} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              <ObjectIcon object={r.object} size={16} />
              <Anchor
                size="sm"
                truncate
                renderRoot={(props) => (
                  <Link {...props} to="/o/$object/$id" params={{ object: r.object, id: r.id }} />
                )}
              >
                {r.title}
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {dayjs(r.viewedAt).isSame(dayjs(), 'day')
                ? dayjs(r.viewedAt).format('HH:mm')
                : dayjs(r.viewedAt).format('D MMM')}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
