import { ActionIcon, Button, Popover, Stack, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHandStop } from '@tabler/icons-react';
import { useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { useFileFeedback } from './api';

/** Beside a field of a record form: "this field is in my way", filed as feedback about that field. */
export function InMyWay({ object, field }: { object: string; field: FieldMeta }) {
  const file = useFileFeedback();
  const [opened, setOpened] = useState(false);
  const [comment, setComment] = useState('');
  const send = () =>
    file.mutate(
      { page: window.location.pathname, comment, object, field: field.name },
      {
        onSuccess: () => {
          notifications.show({ message: `Thank you: the admins will see what gets in your way.` });
          setOpened(false);
        },
        onError: (error) => notifyFailure(error, 'The feedback was not sent'),
      },
    );
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Tooltip label="This field is in my way" openDelay={400}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            // Not named after the field: tests and assistive tech find the field's input by its label alone.
            aria-label="In my way"
            // Out of the Tab order, which stays field to field for quick entry; from the keyboard, the
            // header's feedback button names a field in the way too.
            tabIndex={-1}
            onClick={() => {
              setComment(`"${field.label}" is in my way: `);
              setOpened((o) => !o);
            }}
          >
            <IconHandStop size={14} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown aria-label="A field in the way">
        <Stack gap="xs" w={260}>
          <Textarea
            label="What gets in your way?"
            autosize
            minRows={2}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button size="xs" onClick={send} disabled={!comment.trim()} loading={file.isPending}>
            Tell the admins
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
