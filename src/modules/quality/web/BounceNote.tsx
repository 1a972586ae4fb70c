import { Text } from '@mantine/core';
import type { FieldMeta } from '../../../common/metadata';
import type { CrmRecord } from '../../../web/api/records';
import { useRecordQuality } from './api';

const day = (at: string) => new Date(at).toLocaleDateString();

/** Under a contact's email: the addresses that bounced, and emails that stopped coming. */
export function BounceNote({ field, record }: { object: string; field: FieldMeta; record: CrmRecord }) {
  const quality = useRecordQuality('contacts', record.id);
  if (field.name !== 'email' || !quality.data) return null;
  const { emailBounces = [], emailsStopped } = quality.data;
  return (
    <>
      {emailBounces.map((b) => (
        <Text key={`${b.address}-${b.at}`} size="xs" c="red.9" data-testid="email-bounced">
          {b.address === record.email ? 'Email' : b.address} bounced on {day(b.at)}
          {b.reason ? `: ${b.reason}` : ''}
        </Text>
      ))}
      {emailsStopped && (
        <Text size="xs" c="dimmed" data-testid="emails-stopped">
          Emails stopped: {emailsStopped.inboundEmails} received, none since{' '}
          {day(emailsStopped.lastInboundAt)}
        </Text>
      )}
    </>
  );
}
