import { Badge, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../../web/api/session';
import { feedbackStatuses, feedbackStatusLabels, type FeedbackStatus } from '../contract';
import { useFeedback, useSetFeedbackStatus } from './api';

const statusColor: Record<FeedbackStatus, string> = {
  new: 'blue',
  planned: 'violet',
  done: 'teal',
  wontDo: 'gray',
};

/** Admins read all feedback and give it a status; everyone else sees their own, and what was decided. */
export function FeedbackInboxPage() {
  const session = useSession();
  const isAdmin = session?.user.role === 'admin';
  const feedback = useFeedback();
  const setStatus = useSetFeedbackStatus();
  return (
    <Stack>
      <Title order={1} size="h2">
        {isAdmin ? 'Feedback inbox' : 'My feedback'}
      </Title>
      {feedback.data?.data.length === 0 && <Text c="dimmed">No feedback yet.</Text>}
      {feedback.data?.data.map((item) => (
        <Card key={item.id} withBorder>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} style={{ flex: 1 }}>
              {/* Plain text: React escapes it, so markup in a comment shows as typed and never runs. */}
              <Text style={{ whiteSpace: 'pre-wrap' }}>{item.comment}</Text>
              <Text size="xs" c="dimmed">
                {item.authorName} · {item.page}
                {item.field ? ` · field ${item.object}.${item.field} is in the way` : ''} ·{' '}
                {new Date(item.createdAt).toLocaleDateString()}
              </Text>
            </Stack>
            {isAdmin ? (
              <Select
                aria-label="Status"
                w={140}
                data={feedbackStatuses.map((s) => ({ value: s, label: feedbackStatusLabels[s] }))}
                value={item.status}
                onChange={(v) => v && setStatus.mutate({ id: item.id, status: v as FeedbackStatus })}
                allowDeselect={false}
              />
            ) : (
              <Badge color={statusColor[item.status]}>{feedbackStatusLabels[item.status]}</Badge>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
