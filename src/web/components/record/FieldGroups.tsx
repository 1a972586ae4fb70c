import { Card, SimpleGrid, Stack, Title } from '@mantine/core';
import type { ObjectMeta } from '../../../common/metadata';
import { liveFields } from '../../api/metadata';
import type { CrmRecord } from '../../api/records';
import { FieldRow } from './FieldRow';
import { fieldGroups } from './RecordForm';

interface FieldGroupsProps {
  meta: ObjectMeta;
  record: CrmRecord;
  save: (changes: Record<string, unknown>) => Promise<CrmRecord | null>;
}

export function FieldGroups({ meta, record, save }: FieldGroupsProps) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      {fieldGroups(liveFields(meta)).map(([group, fields]) => (
        <Card key={group} withBorder padding="md">
          <Title order={2} size="h5" mb="xs">
            {group}
          </Title>
          <Stack gap={0}>
            {fields.map((field) => (
              <FieldRow key={field.name} field={field} record={record} save={save} />
            ))}
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}
