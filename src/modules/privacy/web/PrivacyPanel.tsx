import { Button, Card, Group, SegmentedControl, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import type { RecordViewProps } from '../../../web/modules';
import { consentChannels, type ConsentChannel, type ConsentStatus } from '../contract';
import { recordConsent, subjectAccessUrl, useConsents } from './api';
import { channelLabels } from './consentLabels';
import { formatDateTime } from '../../../web/components/fields/format';
import { EraseDialog } from './EraseDialog';

/** A contact's consent per channel, its history, and for admins the export and the erasure. */
export function PrivacyPanel({ record }: RecordViewProps) {
  const session = useSession();
  const consents = useConsents(record.id);
  const client = useQueryClient();
  const [channel, setChannel] = useState<ConsentChannel>('email');
  const [status, setStatus] = useState<ConsentStatus>('granted');
  const [source, setSource] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [erasing, setErasing] = useState(false);
  const errors = fieldErrorMap(error);
  const admin = session?.user.role === 'admin';
  const canWrite = session?.user.role !== 'viewer';
  const current = new Map((consents.data?.current ?? []).map((c) => [c.channel, c]));

  const save = async () => {
    try {
      setError(null);
      await recordConsent(record.id, { channel, status, source });
      setSource('');
      await client.invalidateQueries({ queryKey: ['privacy', 'consents', record.id] });
    } catch (failure) {
      setError(failure);
      if (!Object.keys(fieldErrorMap(failure)).length) notifyFailure(failure, 'Could not record the consent');
    }
  };

  return (
    <Card withBorder data-testid="privacy-panel">
      <Title order={5} mb="xs">
        Privacy
      </Title>
      <Table withRowBorders={false} mb="xs">
        <Table.Tbody>
          {consentChannels.map((c) => {
            const consent = current.get(c);
            return (
              <Table.Tr key={c}>
                <Table.Td>{channelLabels[c]}</Table.Td>
                <Table.Td>
                  {consent ? (
                    <Text size="sm" fw={600}>
                      {consent.status === 'granted' ? 'Granted' : 'Withdrawn'}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      not asked
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {consent ? `${consent.source}, ${formatDateTime(consent.recordedAt)}` : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {canWrite && (
        <Group align="flex-end" gap="xs" mb="xs">
          <Select
            label="Channel"
            w={140}
            data={consentChannels.map((c) => ({ value: c, label: channelLabels[c] }))}
            value={channel}
            onChange={(v) => v && setChannel(v as ConsentChannel)}
            allowDeselect={false}
            error={errors.channel}
          />
          <SegmentedControl
            aria-label="Consent"
            data={[
              { value: 'granted', label: 'Granted' },
              { value: 'withdrawn', label: 'Withdrawn' },
            ]}
            value={status}
            onChange={(v) => setStatus(v as ConsentStatus)}
          />
          <TextInput
            label="Source"
            placeholder="web form, phone call…"
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={errors.source}
          />
          <Button onClick={() => void save()}>Record</Button>
        </Group>
      )}
      {!!consents.data?.history.length && (
        <Button variant="subtle" size="xs" onClick={() => setShowHistory((s) => !s)}>
          {showHistory ? 'Hide consent history' : `Consent history (${consents.data.history.length})`}
        </Button>
      )}
      {showHistory &&
        consents.data?.history.map((c) => (
          <Text key={c.id} size="xs">
            {formatDateTime(c.recordedAt)}: {channelLabels[c.channel]} {c.status} ({c.source}
            {c.recordedByName ? `, by ${c.recordedByName}` : ''})
          </Text>
        ))}
      {admin && (
        <Group mt="sm" gap="xs">
          <Button component="a" href={subjectAccessUrl(record.id)} download variant="default" size="xs">
            Download everything held
          </Button>
          <Button color="red" variant="light" size="xs" onClick={() => setErasing(true)}>
            Erase this person
          </Button>
        </Group>
      )}
      {erasing && <EraseDialog record={record} onClose={() => setErasing(false)} />}
    </Card>
  );
}
