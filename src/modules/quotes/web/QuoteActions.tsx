import { Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useUpdateRecord, type CrmRecord } from '../../../web/api/records';
import { useSession } from '../../../web/api/session';
import type { QuoteStatus } from '../contract';
import { useQuoteCall } from './api';

/** The moves a quote's status allows the signed-in user, the customer link, and a new version. */
export function QuoteActions({ record }: { record: CrmRecord }) {
  const status = record.status as QuoteStatus;
  const session = useSession();
  const deciding = session?.user.role === 'admin' || session?.user.role === 'manager';
  const [comment, setComment] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const update = useUpdateRecord('quotes');
  const share = useQuoteCall<{ url: string }>((id) => `/quotes/${id}/share`);
  const [to, setTo] = useState('');
  const send = useQuoteCall<{ to: string[] }>((id) => `/quotes/${id}/send`);
  const revise = useQuoteCall((id) => `/quotes/${id}/revise`);
  const navigate = useNavigate();
  const move = (to: QuoteStatus) =>
    update
      .mutateAsync({
        id: record.id,
        version: record.version,
        changes: { status: to, ...(comment ? { approvalComment: comment } : {}) },
      })
      .then(() => setComment(''))
      .catch((error: unknown) => notifyFailure(error, 'The quote did not move'));
  const shareLink = () =>
    share
      .mutateAsync({ id: record.id })
      .then((r) => setLink(r.url))
      .catch((error: unknown) => notifyFailure(error, 'No link was made'));
  // Empty: the deal's decision maker (or first contact) receives it.
  const sendByEmail = () =>
    send
      .mutateAsync({ id: record.id, body: to.trim() ? { to: [to.trim()] } : {} })
      .then((r) => notifications.show({ color: 'green', message: `Quote sent to ${r.to.join(', ')}` }))
      .catch((error: unknown) => notifyFailure(error, 'The quote was not sent'));
  const newVersion = () =>
    revise
      .mutateAsync({ id: record.id })
      .then((r) => navigate({ to: '/o/$object/$id', params: { object: 'quotes', id: r.id } }))
      .catch((error: unknown) => notifyFailure(error, 'No new version was made'));
  return (
    <Stack gap="xs">
      {(status === 'draft' || status === 'pendingApproval') && (
        <TextInput
          label="Approval comment"
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          maw={420}
        />
      )}
      <Group gap="xs">
        {status === 'draft' && (
          <>
            <Button variant="light" onClick={() => move('pendingApproval')}>
              Send for approval
            </Button>
            <Button variant="light" onClick={() => move('sent')}>
              Mark as sent
            </Button>
          </>
        )}
        {status === 'pendingApproval' && deciding && (
          <>
            <Button color="green" onClick={() => move('approved')}>
              Approve
            </Button>
            <Button color="red" variant="light" onClick={() => move('draft')}>
              Reject
            </Button>
          </>
        )}
        {status === 'pendingApproval' && !deciding && (
          <Text size="sm" c="dimmed">
            Waiting for a manager&apos;s approval.
          </Text>
        )}
        {(status === 'draft' || status === 'approved' || status === 'sent') && (
          <Button variant="light" onClick={shareLink} loading={share.isPending}>
            Share with the customer
          </Button>
        )}
        {['sent', 'declined', 'expired', 'approved'].includes(status) && (
          <Button variant="subtle" onClick={newVersion} loading={revise.isPending}>
            New version
          </Button>
        )}
      </Group>
      {(status === 'draft' || status === 'approved' || status === 'sent') && (
        <Group gap="xs" align="end">
          <TextInput
            label="Email to"
            placeholder="the deal's decision maker"
            type="email"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={280}
          />
          <Button variant="light" onClick={sendByEmail} loading={send.isPending}>
            Send by email with the PDF
          </Button>
        </Group>
      )}
      {link && (
        <Text size="sm">
          Customer link (shown once): <Code data-testid="quote-link">{link}</Code>
        </Text>
      )}
    </Stack>
  );
}
