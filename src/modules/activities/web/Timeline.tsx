import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  TextInput,
  Timeline as MantineTimeline,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import {
  IconArrowsExchange,
  IconBrandLinkedin,
  IconCalendarEvent,
  IconChecklist,
  IconMail,
  IconMapPin,
  IconMessage,
  IconMessageCircle,
  IconMessages,
  IconNote,
  IconPhone,
  IconPlus,
  IconRoute,
  type Icon,
} from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Suspense, useEffect, useRef, useState } from 'react';
import type { RecordViewProps } from '../../../web/modules';
import { webRegistry } from '../../../web/registry';
import type { ActivityType, TimelineEntry } from '../contract';
import { AttachmentLinks } from './AttachmentLinks';
import { useTimeline, type TimelineFilter } from './api';
import { logActivity } from './logActivity';
import { LogActivityModal } from './LogActivityModal';

const filters: { value: TimelineFilter; label: string }[] = [
  { value: 'all', label: 'Everything' },
  { value: 'interactions', label: 'Interactions only' },
  { value: 'call', label: 'Calls' },
  { value: 'meeting', label: 'Meetings' },
  { value: 'email', label: 'Emails' },
  { value: 'note', label: 'Notes' },
  { value: 'task', label: 'Tasks' },
  { value: 'sms', label: 'Text messages' },
  { value: 'chat', label: 'Chats' },
  { value: 'visit', label: 'Visits' },
  { value: 'social', label: 'Social' },
  { value: 'changes', label: 'Changes' },
];

const typeIcons: Partial<Record<ActivityType, Icon>> = {
  call: IconPhone,
  meeting: IconCalendarEvent,
  email: IconMail,
  note: IconNote,
  task: IconChecklist,
  sms: IconMessage,
  chat: IconMessages,
  visit: IconMapPin,
  social: IconBrandLinkedin,
};

function EntryIcon({ entry }: { entry: TimelineEntry }) {
  const Shown =
    entry.kind === 'stageChange'
      ? IconRoute
      : entry.kind === 'fieldChange'
        ? IconArrowsExchange
        : (typeIcons[entry.type ?? 'note'] ?? IconMessageCircle);
  return <Shown size={14} aria-hidden />;
}

/** What other modules offer beside an activity of this type (Reply beside an email). */
function EntryActions({ entry, record }: { entry: TimelineEntry; record: { object: string; id: string } }) {
  if (entry.kind !== 'activity' || !entry.type || !entry.id) return null;
  const activity = { id: entry.id, title: entry.title };
  return (
    <Suspense fallback={null}>
      {webRegistry()
        .timelineActions(entry.type)
        .map(({ key, component: Action }) => (
          <Action key={key} record={record} activity={activity} />
        ))}
    </Suspense>
  );
}

function Entry({ entry, record }: { entry: TimelineEntry; record: { object: string; id: string } }) {
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} lineClamp={1}>
          {entry.title}
        </Text>
        {entry.kind === 'activity' && entry.type === 'task' && (
          <Badge size="xs" variant="light" color={entry.done ? 'green' : 'orange'}>
            {entry.done ? 'done' : 'open'}
          </Badge>
        )}
        <EntryActions entry={entry} record={record} />
      </Group>
      {entry.excerpt && (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {entry.excerpt}
        </Text>
      )}
      {entry.links
        ?.filter((l) => l.object === 'quotes')
        .map((l) => (
          <Anchor key={l.id} size="sm" href={`/api/v1/quotes/${l.id}/pdf`} target="_blank">
            Quote PDF
          </Anchor>
        ))}
      {entry.attachments && entry.attachments.length > 0 && <AttachmentLinks files={entry.attachments} />}
      <Text size="xs" c="dimmed">
        {dayjs(entry.at).format('D MMM YYYY, HH:mm')}
        {entry.actor ? ` · ${entry.actor.name}` : ''}
      </Text>
    </>
  );
}

/**
 * A record's timeline: what was said and done, newest first, loading older entries as it scrolls
 * into view. `L` logs a call (or note, meeting, task) against the record.
 */
export function RecordTimeline({ record, meta }: RecordViewProps) {
  const [filter, setFilter] = useState<TimelineFilter>('all');
  const [channel, setChannel] = useState('');
  const [channelShown] = useDebouncedValue(channel.trim(), 300);
  const timeline = useTimeline(meta.name, record.id, filter, channelShown);
  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  const end = useRef<HTMLDivElement>(null);
  const open = () => logActivity.open({ type: 'call', object: meta.name, id: record.id });
  useHotkeys([['l', open]]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;
  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel || !hasNextPage) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <Card component="section" withBorder padding="md" aria-labelledby="timeline-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="timeline-title">
            Timeline
          </Title>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={open}>
            Log activity{' '}
            <Text span c="dimmed" size="xs" ml={4}>
              L
            </Text>
          </Button>
        </Group>
        <Group gap="xs">
          <Select
            aria-label="Show on the timeline"
            size="xs"
            data={filters}
            value={filter}
            onChange={(v) => v && setFilter(v as TimelineFilter)}
            allowDeselect={false}
            w={200}
          />
          <TextInput
            aria-label="Only this channel"
            placeholder="Channel: WhatsApp, LinkedIn…"
            size="xs"
            maxLength={60}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            w={200}
          />
        </Group>
        {timeline.isPending ? (
          <Loader size="sm" />
        ) : entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing yet. Log a call or a note with <b>L</b>.
          </Text>
        ) : (
          <MantineTimeline bulletSize={22} lineWidth={2}>
            {entries.map((entry) => (
              <MantineTimeline.Item
                key={`${entry.kind}:${entry.id}:${entry.at}`}
                bullet={<EntryIcon entry={entry} />}
              >
                <Entry entry={entry} record={{ object: meta.name, id: record.id }} />
              </MantineTimeline.Item>
            ))}
          </MantineTimeline>
        )}
        <div ref={end} />
        {isFetchingNextPage && <Loader size="xs" />}
      </Stack>
      <LogActivityModal object={meta.name} id={record.id} />
    </Card>
  );
}
