import { Button } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { TimelineActionProps } from '../../../web/modules';
import { ComposeEmail, replyTo } from './ComposeEmail';

/** Reply beside an email on a record's timeline: answered in its thread, logged on the same timeline. */
export function TimelineReply({ record, activity }: TimelineActionProps) {
  const [opened, setOpened] = useState(false);
  const start = useMemo(() => replyTo({ id: activity.id, subject: activity.title }), [activity]);
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconArrowBackUp size={12} />}
        aria-label={`Reply to ${activity.title}`}
        // The subject beside it shortens; the button keeps its word whole on a phone.
        style={{ flexShrink: 0 }}
        onClick={() => setOpened(true)}
      >
        Reply
      </Button>
      <ComposeEmail record={record} start={start} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
