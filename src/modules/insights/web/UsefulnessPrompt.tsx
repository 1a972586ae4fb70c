import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useAnswerUsefulness, useUsefulnessDue } from './api';

const ratings = Array.from({ length: 11 }, (_, i) => i);

const dismissedKey = (month: string) => `rapport.usefulness.dismissed.${month}`;

/** The monthly question, asked at most once a month: "Not now" counts as asked, until next month. */
export function UsefulnessPrompt() {
  const due = useUsefulnessDue();
  const answer = useAnswerUsefulness();
  const month = due.data?.month ?? '';
  const [dismissedNow, setDismissedNow] = useState(false);
  const dismissed = dismissedNow || (month !== '' && localStorage.getItem(dismissedKey(month)) !== null);
  const setDismissed = (value: boolean) => {
    if (value && month) localStorage.setItem(dismissedKey(month), '1');
    setDismissedNow(value);
  };
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const send = () =>
    rating !== null &&
    answer.mutate(
      { rating, ...(comment.trim() ? { comment } : {}) },
      { onError: (error) => notifyFailure(error, 'Your answer was not saved') },
    );
  return (
    <Modal opened={!!due.data?.due && !dismissed} onClose={() => setDismissed(true)} title="A quick question">
      <Stack>
        <Text>How useful is Rapport for your work, 0 to 10?</Text>
        <Group gap={4}>
          {ratings.map((r) => (
            <Button
              key={r}
              size="xs"
              variant={rating === r ? 'filled' : 'default'}
              onClick={() => setRating(r)}
              aria-pressed={rating === r}
            >
              {r}
            </Button>
          ))}
        </Group>
        <Textarea
          label="Anything to add? (optional)"
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={() => setDismissed(true)}>
            Not now
          </Button>
          <Button onClick={send} disabled={rating === null} loading={answer.isPending}>
            Send
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
