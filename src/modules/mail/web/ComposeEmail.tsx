import { Button, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSendEmail, useTemplates } from './api';

/** Where a message starts: blank, or a reply in the thread of the email `inReplyTo`. */
export interface EmailStart {
  subject: string;
  inReplyTo?: string;
}

export const blankEmail: EmailStart = { subject: '' };

/** A reply's start: the answered email's subject with one "Re: ", in its thread. */
export const replyTo = (email: { id: string; subject: string | null }): EmailStart => ({
  subject: `Re: ${(email.subject ?? '').replace(/^re:\s*/i, '')}`,
  inReplyTo: email.id,
});

/**
 * The dialog that sends an email from a record (logged on its timeline), with a template to start from;
 * merge fields are filled by the server. A reply goes to the sender of the answered email unless `To` says otherwise.
 */
export function ComposeEmail({
  record,
  start,
  opened,
  onClose,
}: {
  record: { object: string; id: string };
  start: EmailStart;
  opened: boolean;
  onClose: () => void;
}) {
  const templates = useTemplates();
  const send = useSendEmail();
  const [draft, setDraft] = useState({ to: '', templateId: null as string | null, body: '', ...start });
  useEffect(() => {
    if (!opened) return;
    send.reset();
    setDraft({ to: '', templateId: null, body: '', ...start });
    // A fresh draft from `start` each time the dialog opens.
  }, [opened, start]);
  const pick = (id: string | null) => {
    const t = templates.data?.find((x) => x.id === id);
    setDraft({ ...draft, templateId: id, subject: t?.subject ?? draft.subject, body: t?.body ?? draft.body });
  };
  const error = send.error instanceof Error ? send.error.message : null;
  return (
    <Modal opened={opened} onClose={onClose} title={draft.inReplyTo ? 'Reply' : 'Send email'} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          send.mutate(
            {
              record,
              ...(draft.to ? { to: draft.to.split(',').map((a) => a.trim()) } : {}),
              subject: draft.subject,
              body: draft.body,
              ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}),
            },
            { onSuccess: onClose },
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
                : record.object === 'contacts'
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
            <Text c="var(--mantine-color-error)" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Button type="submit" loading={send.isPending}>
            Send
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
