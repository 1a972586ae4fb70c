import { ActionIcon, Button, Modal, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessageCircle } from '@tabler/icons-react';
import { useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { useObjectMeta } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { useFileFeedback } from './api';

/** On every page: what would make this better, with the page attached; on a record page, a field in the way. */
export function FeedbackButton() {
  const page = useRouterState({ select: (s) => s.location.href });
  const object = /^\/o\/([^/?]+)/.exec(page)?.[1];
  const meta = useObjectMeta(object ?? '');
  const file = useFileFeedback();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [field, setField] = useState<string | null>(null);
  const send = () =>
    file.mutate(
      { page, comment, ...(field && object ? { object, field } : {}) },
      {
        onSuccess: () => {
          notifications.show({
            message: 'Thank you: the admins will see it, and you will see what they decide.',
          });
          setComment('');
          setField(null);
          setOpen(false);
        },
        onError: (error) => notifyFailure(error, 'The feedback was not sent'),
      },
    );
  return (
    <>
      <Tooltip label="Feedback on this page">
        <ActionIcon variant="subtle" size="lg" aria-label="Feedback" onClick={() => setOpen(true)}>
          <IconMessageCircle size={18} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={() => setOpen(false)} title="What would make this better?">
        <Stack>
          <Text size="xs" c="dimmed">
            About {page}
          </Text>
          {meta && (
            <Select
              label="This field is in my way (optional)"
              clearable
              searchable
              data={meta.fields.filter((f) => !f.retired).map((f) => ({ value: f.name, label: f.label }))}
              value={field}
              onChange={setField}
            />
          )}
          <Textarea
            label="Your feedback"
            autosize
            minRows={3}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button onClick={send} disabled={!comment.trim()} loading={file.isPending}>
            Send
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
