import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useRecord } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import type { Duplicate } from '../contract';
import { useDuplicates } from './api';
import { MergeDialog } from './MergeDialog';

function titleOf(record: Record<string, unknown> | undefined, titleField: string): string {
  if (!record) return '…';
  const name = [record.firstName, record.lastName].filter(Boolean).join(' ');
  return name || String(record[titleField] ?? record.id);
}

function Candidate({ duplicate, props }: { duplicate: Duplicate; props: RecordViewProps }) {
  const { meta, record } = props;
  const other = useRecord(meta.name, duplicate.id);
  const [merging, setMerging] = useState(false);
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="duplicate-candidate">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor
          renderRoot={(p) => (
            <Link {...p} to="/o/$object/$id" params={{ object: meta.name, id: duplicate.id }} />
          )}
          size="sm"
          fw={600}
          truncate
        >
          {titleOf(other.data, meta.titleField)}
        </Anchor>
        <Group gap={4}>
          <Badge size="xs" variant="light">
            {Math.round(duplicate.score * 100)}%
          </Badge>
          <Text size="xs" c="dimmed">
            {duplicate.reasons.join(', ')}
          </Text>
        </Group>
      </Stack>
      <Button size="xs" variant="light" onClick={() => setMerging(true)}>
        Merge
      </Button>
      {merging && (
        <MergeDialog
          meta={meta}
          ids={[record.id, duplicate.id]}
          opened={merging}
          onClose={() => setMerging(false)}
        />
      )}
    </Group>
  );
}

/** Likely duplicates of the record, with a merge for each; shown only when there are some. */
export function DuplicatesPanel(props: RecordViewProps) {
  const duplicates = useDuplicates(props.meta.name, props.record.id);
  if (!duplicates.data?.length) return null;
  return (
    <Card withBorder padding="md" data-testid="duplicates-panel">
      <Title order={4} mb="sm">
        Possible duplicates
      </Title>
      <Stack gap="sm">
        {duplicates.data.map((d) => (
          <Candidate key={d.id} duplicate={d} props={props} />
        ))}
      </Stack>
    </Card>
  );
}
