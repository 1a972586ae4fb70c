import { Card, Group, Progress, Text, Title } from '@mantine/core';
import type { RecordViewProps } from '../../../web/modules';
import { useRecordQuality } from './api';

/** A record's quality score on its page, with the fields that would raise it. */
export function QualityPanel({ meta, record }: RecordViewProps) {
  const quality = useRecordQuality(meta.name, record.id);
  if (!quality.data) return null;
  const label = (field: string) => meta.fields.find((f) => f.name === field)?.label ?? field;
  const { score, missing, invalid = [] } = quality.data;
  return (
    <Card withBorder data-testid="quality-panel">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Data quality</Title>
        <Text fw={700}>{score}%</Text>
      </Group>
      <Progress value={score} mb="xs" aria-label="Quality score" />
      <Text size="sm" c="dimmed">
        {missing.length
          ? `Add ${missing.map(label).join(', ')} to raise it.`
          : 'Every field that matters is filled.'}
      </Text>
      {invalid.length > 0 && (
        <Text size="sm" c="red" mt="xs" data-testid="quality-panel-invalid">
          Fix {invalid.map((i) => `${label(i.field)} (${i.message})`).join('; ')}.
        </Text>
      )}
    </Card>
  );
}
