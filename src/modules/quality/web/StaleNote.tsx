import { Group, Text } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import type { FieldMeta } from '../../../common/metadata';
import type { CrmRecord } from '../../../web/api/records';
import { useProvenance } from './api';
import { setAgo } from './freshness';

const empty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Under a value last changed longer ago than the workspace allows: it may be out of date. */
export function StaleNote({
  object,
  field,
  record,
}: {
  object: string;
  field: FieldMeta;
  record: CrmRecord;
}) {
  const provenance = useProvenance(object, record.id);
  const found = provenance.data?.find((p) => p.field === field.name);
  if (!found?.stale || empty(record[field.name])) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <IconClockExclamation size={14} color="var(--mantine-color-orange-6)" aria-hidden />
      <Text size="xs" c="dimmed" data-testid={`stale-${field.name}`}>
        Possibly stale ({setAgo(found)})
      </Text>
    </Group>
  );
}
