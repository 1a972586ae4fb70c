import {
  ActionIcon,
  Anchor,
  Badge,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconPhoneCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { notifyFailure } from '../../../web/api/notify';
import type { DayItem } from '../contract';
import { useCompleteActivity, useMyDay } from './api';
import { DigestSwitch } from './DigestSwitch';

function ItemLink({ item }: { item: DayItem }) {
  const target = item.links[0];
  const label = item.subject || item.type;
  return target ? (
    <Anchor renderRoot={(props) => <Link {...props} to="/o/$object/$id" params={target} />} size="sm">
      {label}
    </Anchor>
  ) : (
    <Text size="sm">{label}</Text>
  );
}

function Item({ item, callList }: { item: DayItem; callList?: boolean }) {
  const complete = useCompleteActivity();
  const time = item.dueAt ?? item.occurredAt;
  const done = (outcome?: string) =>
    complete.mutate({ id: item.id, outcome }, { onError: (e) => notifyFailure(e, 'Could not complete it') });
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <ItemLink item={item} />
        <Text size="xs" c="dimmed">
          {time ? dayjs(time).format(dayjs(time).isSame(dayjs(), 'day') ? 'HH:mm' : 'D MMM, HH:mm') : ''}
          {item.priority === 'high' && (
            <Badge ml={6} size="xs" color="red" variant="light">
              high
            </Badge>
          )}
        </Text>
      </Stack>
      {item.type !== 'meeting' && (
        <Tooltip label={callList ? 'Called: complete and go to the next' : 'Mark done'}>
          <ActionIcon
            variant="light"
            aria-label={callList ? `Called ${item.subject ?? ''}` : `Done: ${item.subject ?? ''}`}
            loading={complete.isPending}
            onClick={() => done(callList ? 'connected' : undefined)}
          >
            {callList ? <IconPhoneCheck size={16} /> : <IconCheck size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function Section({
  title,
  items,
  empty,
  callList,
}: {
  title: string;
  items: DayItem[];
  empty: string;
  callList?: boolean;
}) {
  return (
    <Card component="section" withBorder padding="md" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Badge variant="default">{items.length}</Badge>
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : (
          items.map((item) => <Item key={item.id} item={item} callList={callList} />)
        )}
      </Stack>
    </Card>
  );
}

/** The rep's morning page: today's tasks, the calls to make, what is overdue, and today's meetings. */
export function MyDay() {
  const day = useMyDay();
  if (day.isPending) return <Skeleton h={160} />;
  if (!day.data) return null;
  const { dueToday, overdue, meetings, callList } = day.data;
  const tasks = dueToday.filter((t) => t.type !== 'call');
  return (
    <Stack component="section" gap="sm" aria-labelledby="my-day-title">
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h3" id="my-day-title">
          My day
        </Title>
        <DigestSwitch />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Section title="Call list" items={callList} empty="No calls to make today." callList />
        <Section title="Due today" items={tasks} empty="Nothing due today." />
        <Section title="Overdue" items={overdue} empty="Nothing overdue." />
        <Section title="Meetings" items={meetings} empty="No meetings today." />
      </SimpleGrid>
    </Stack>
  );
}
