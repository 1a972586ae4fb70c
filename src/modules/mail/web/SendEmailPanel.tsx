import { Badge, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconMail } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { RecordViewProps } from '../../../web/modules';
import { useRecordEmails, useSendEmail, useTemplates } from './api';

const blank = {
  to: '',
  templateId: null as string | null,
  subject: '',
  body: '',
  inReplyTo: undefined as string | undefined,
};

/**
 * The Email tab of a contact, account or deal: its emails newest first, each with Reply (in its
 * thread), and "Send email" with a template to start from; merge fields are filled by the server.
 */
export function SendEmailPanel({ record, meta }: RecordViewProps) {
  const [open, setOpen] = useState(false);
  const templates = useTemplates();
  const emails = useRecordEmails(meta.name, record.id);
  const send = useSendEmail();
  const [draft, setDraft] = useState(blank);
  const pick = (id: string | null) => {
    const t = templates.data?.find((x) => x.id === id);
    setDraft({ ...draft, templateId: id, subject: t?.subject ?? draft.subject, body: t?.body ?? draft.body });
  };
  const error = send.error instanceof Error ? send.error.message : null;
  const compose = (start: typeof blank) => {
    send.reset();
    setDraft(start);
    setOpen(true);
  };
  return (
    <Stack gap="sm">
      <Group>
        <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => compose(blank)}>
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
              onClick={() =>
                compose({
                  ...blank,
                  subject: `Re: ${(email.subject ?? '').replace(/^re:\s*/i, '')}`,
                  inReplyTo: email.id,
                })
              }
            >
              Reply
            </Button>
          </Group>
        </Group>
      ))}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={draft.inReplyTo ? 'Reply' : 'Send email'}
        size="lg"
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate(
              {
                record: { object: meta.name, id: record.id },
                ...(draft.to ? { to: draft.to.split(',').map((a) => a.trim()) } : {}),
                subject: draft.subject,
                body: draft.body,
                ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}),
              },
              { onSuccess: () => setOpen(false) },
            );
          }}
        >
          <Stack gap="xs">
            <Select
              label="Template"
              clearable
              data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
              value={draft.templateId}
              onChange={pick}
            />
            <TextInput
              label="To"
              placeholder={
                draft.inReplyTo
                  ? 'the sender of the email answered'
                  : meta.name === 'contacts'
                    ? "the contact's address"
                    : 'name@company.com'
              }
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            />
            <TextInput
              label="Subject"
              required
              value={draft.subject}
              onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
            />
            <Textarea
              label="Message"
              description="Merge fields: {{contact.firstName}}, {{account.name}}, {{user.name}}"
              autosize
              minRows={6}
              required
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            />
            {error && (
              <Text c="red" size="sm" role="alert">
                {error}
              </Text>
            )}
            <Button type="submit" loading={send.isPending}>
              Send
            </Button>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
