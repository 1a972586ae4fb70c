import { Button, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import type { RecordViewProps } from '../../../web/modules';
import { useSendEmail, useTemplates } from './api';

/** "Send email" on a contact, account or deal: a template to start from, merge fields filled by the server. */
export function SendEmailPanel({ record, meta }: RecordViewProps) {
  const [open, setOpen] = useState(false);
  const templates = useTemplates();
  const send = useSendEmail();
  const [draft, setDraft] = useState({ to: '', templateId: null as string | null, subject: '', body: '' });
  const pick = (id: string | null) => {
    const t = templates.data?.find((x) => x.id === id);
    setDraft({ ...draft, templateId: id, subject: t?.subject ?? draft.subject, body: t?.body ?? draft.body });
  };
  const error = send.error instanceof Error ? send.error.message : null;
  return (
    <>
      <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setOpen(true)}>
        Send email
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Send email" size="lg">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate(
              {
                record: { object: meta.name, id: record.id },
                ...(draft.to ? { to: draft.to.split(',').map((a) => a.trim()) } : {}),
                subject: draft.subject,
                body: draft.body,
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
              placeholder={meta.name === 'contacts' ? "the contact's address" : 'name@company.com'}
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
    </>
  );
}
