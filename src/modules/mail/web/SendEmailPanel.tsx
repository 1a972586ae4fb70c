import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconMail } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { RecordViewProps } from '../../../web/modules';
import { useRecordEmails } from './api';
import { blankEmail, ComposeEmail, replyTo, type EmailStart } from './ComposeEmail';

/**
 * The Email tab of a contact, account or deal: its emails newest first, each with Reply (in its
 * thread), and "Send email" with a template to start from.
 */
export function SendEmailPanel({ record, meta }: RecordViewProps) {
  const [start, setStart] = useState<EmailStart | null>(null);
  const emails = useRecordEmails(meta.name, record.id);
  return (
    <Stack gap="sm">
      <Group>
        <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setStart(blankEmail)}>
          Send email
        </Button>
      </Group>
      {(emails.data ?? []).map((email) => (
        <Group key={email.id} justify="space-between" wrap="nowrap" data-testid="record-email">
          <Stack gap={0}>
            <Text fw={500}>{email.subject ?? '(no subject)'}</Text>
            <Text size="sm" c="dimmed">
              {email.occurredAt ? dayjs(email.occurredAt).format('D MMM YYYY HH:mm') : ''}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Badge variant="light">{email.direction === 'outbound' ? 'Sent' : 'Received'}</Badge>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => setStart(replyTo(email))}
            >
              Reply
            </Button>
          </Group>
        </Group>
      ))}
      <ComposeEmail
        record={{ object: meta.name, id: record.id }}
        start={start ?? blankEmail}
        opened={start !== null}
        onClose={() => setStart(null)}
      />
    </Stack>
  );
}
