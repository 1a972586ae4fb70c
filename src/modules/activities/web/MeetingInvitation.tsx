import { Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarShare } from '@tabler/icons-react';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import type { RecordViewProps } from '../../../web/modules';
import { useInviteToMeeting } from './api';

/** A meeting's page: email its invitation to its contacts, which their calendar offers to accept. */
export function MeetingInvitation({ record }: RecordViewProps) {
  const invite = useInviteToMeeting(record.id);
  const [message, setMessage] = useState('');
  if (record.type !== 'meeting') return null;
  const send = () =>
    invite.mutate(message.trim() ? { message: message.trim() } : {}, {
      onSuccess: ({ to }) => {
        setMessage('');
        notifications.show({ color: 'green', message: `Invitation sent to ${to.join(', ')}` });
      },
      onError: (error) => notifyFailure(error, 'The invitation was not sent'),
    });
  return (
    <Card component="section" withBorder padding="md" aria-labelledby="invitation-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="invitation-title">
          Invitation
        </Title>
        <Text size="sm" c="dimmed">
          Emails the meeting to its contacts as a calendar invitation they can accept; the email shows on
          their timelines.
        </Text>
        <Textarea
          label="Note above the details"
          autosize
          minRows={2}
          maxLength={5000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
        <Button
          leftSection={<IconCalendarShare size={16} aria-hidden />}
          loading={invite.isPending}
          onClick={send}
          style={{ alignSelf: 'flex-start' }}
        >
          Email the invitation
        </Button>
      </Stack>
    </Card>
  );
}
