import { Card, SimpleGrid, Stack, Title } from '@mantine/core';
import type { ObjectMeta } from '../../../common/metadata';
import { fieldsInWorkingOrder } from '../../api/metadata';
import type { CrmRecord } from '../../api/records';
import { FieldRow } from './FieldRow';
import { fieldGroups } from './RecordForm';

interface FieldGroupsProps {
  meta: ObjectMeta;
  record: CrmRecord;
  save: (changes: Record<string, unknown>) => Promise<CrmRecord | null>;
  /** true when the groups have the page's full width (no side panels) */
  wide: boolean;
}

export function FieldGroups({ meta, record, save, wide }: FieldGroupsProps) {
  return (
    <SimpleGrid cols={{ base: 1, md: wide ? 2 : 1 }} spacing="md">
      {fieldGroups(fieldsInWorkingOrder(meta)).map(([group, fields]) => (
        <Card key={group} withBorder padding="md">
          <Title order={2} size="h5" mb="xs">
            {group}
          </Title>
          <Stack gap={0}>
            {fields.map((field) => (
              <FieldRow key={field.name} object={meta.name} field={field} record={record} save={save} />
            ))}
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}
