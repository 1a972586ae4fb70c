import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ReviewItem } from '../contract';
import { useReview, useReviewAction } from './api';

function ReviewCard({ item }: { item: ReviewItem }) {
  const action = useReviewAction();
  const [contactId, setContactId] = useState('');
  const error = action.error instanceof Error ? action.error.message : null;
  return (
    <Card withBorder data-testid="review-item">
      <Stack gap={4}>
        <Text fw={600}>{item.subject ?? '(subject not shared)'}</Text>
        <Text size="sm" c="dimmed">
          From {item.from ? `${item.from.name} <${item.from.address}>` : 'an unknown sender'} to{' '}
          {item.to.map((t) => t.address).join(', ') || 'nobody named'} ·{' '}
          {dayjs(item.sentAt ?? item.receivedAt).format('D MMM YYYY HH:mm')}
          {item.attachments ? ` · ${item.attachments} attachment(s)` : ''}
        </Text>
        {item.problem && (
          <Text size="sm" c="orange">
            {item.problem}
          </Text>
        )}
        <Group align="end">
          <Button
            size="xs"
            disabled={!item.from}
            onClick={() => action.mutate({ id: item.id, action: 'create-contact' })}
          >
            Create contact
          </Button>
          <TextInput
            size="xs"
            placeholder="Contact id"
            aria-label="Contact id"
            value={contactId}
            onChange={(e) => setContactId(e.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="default"
            disabled={!contactId}
            onClick={() => action.mutate({ id: item.id, action: 'link', body: { contactId } })}
          >
            Link to contact
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => action.mutate({ id: item.id, action: 'dismiss' })}
          >
            Dismiss
          </Button>
        </Group>
        {error && (
          <Text c="var(--mantine-color-error)" size="sm" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Captured mail that matched no contact: nothing is created behind anyone's back. */
export function ReviewPage() {
  const review = useReview();
  const items = review.data?.data ?? [];
  return (
    <Stack maw={900} p="md">
      <Title order={1} size="h2">
        Mail to review
      </Title>
      {review.isSuccess && items.length === 0 && <Text c="dimmed">Nothing waits for review.</Text>}
      {items.map((item) => (
        <ReviewCard key={item.id} item={item} />
      ))}
    </Stack>
  );
}
