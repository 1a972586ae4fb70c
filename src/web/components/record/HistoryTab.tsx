import { Alert, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { ObjectMeta } from '../../../common/metadata';
import { useRecord, useRecordHistory } from '../../api/records';
import { FieldValue } from '../fields/FieldValue';

/** Every change to the record, newest first, with who made it and from where. */
export function HistoryTab({ meta, id }: { meta: ObjectMeta; id: string }) {
  const history = useRecordHistory(meta.name, id);
  const record = useRecord(meta.name, id);
  if (history.isPending) return <Skeleton h={120} />;
  if (history.isError) return <Alert color="red">Could not load the history: {history.error.message}</Alert>;
  if (!history.data.length) return <Text c="dimmed">No changes recorded yet.</Text>;
  // Names for ids, labels for options, money in the record's currency: what a person would write.
  const show = (name: string, value: unknown) => {
    const field = meta.fields.find((f) => f.name === name);
    const empty =
      value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);
    if (empty) return 'empty';
    if (field)
      return <FieldValue object={meta.name} field={field} value={value} record={record.data} compact />;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  return (
    <Timeline bulletSize={22} lineWidth={2} active={history.data.length}>
      {history.data.map((entry, index) => (
        <Timeline.Item
          key={`${entry.at}-${index}`}
          bullet={<IconHistory size={12} />}
          title={
            <Text size="sm" fw={600}>
              {entry.actor.name ?? entry.actor.type}
              <Text span c="dimmed" size="xs" ml="xs" fw={400}>
                {dayjs(entry.at).format('D MMM YYYY, HH:mm')}
                {entry.source ? ` · via ${entry.source}` : ''}
              </Text>
            </Text>
          }
        >
          <Stack gap={2} mt={4}>
            {entry.changes.map((change) => (
              <Text key={change.field} size="sm" className="rp-text">
                <b>{meta.fields.find((f) => f.name === change.field)?.label ?? change.field}</b>:{' '}
                {show(change.field, change.from)} → {show(change.field, change.to)}
              </Text>
            ))}
            {entry.changes.length === 0 && (
              <Text size="sm" c="dimmed">
                Created
              </Text>
            )}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
