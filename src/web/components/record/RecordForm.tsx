import { SimpleGrid, Stack, Title } from '@mantine/core';
import type { FieldMeta, ObjectMeta } from '../../../common/metadata';
import { editableFields } from '../../api/metadata';
import { FieldInput } from '../fields/FieldInput';

interface RecordFormProps {
  meta: ObjectMeta;
  values: Record<string, unknown>;
  onChange: (name: string, value: unknown) => void;
  errors: Record<string, string>;
  /** creating: every writable field; editing: the same, less none */
  autoFocusFirst?: boolean;
}

export function fieldGroups(fields: FieldMeta[]): [string, FieldMeta[]][] {
  const groups = new Map<string, FieldMeta[]>();
  for (const field of fields)
    groups.set(field.group || 'Details', [...(groups.get(field.group || 'Details') ?? []), field]);
  return [...groups];
}

const wide = new Set(['address', 'longtext']);

/** Every writable field of an object, in its groups, with the server's errors beside each. */
export function RecordForm({ meta, values, onChange, errors, autoFocusFirst }: RecordFormProps) {
  const groups = fieldGroups(editableFields(meta));
  const firstName = groups[0]?.[1][0]?.name;
  return (
    <Stack gap="lg">
      {groups.map(([group, fields]) => (
        <Stack key={group} gap="xs">
          <Title order={3} size="h5" c="dimmed">
            {group}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            {fields.map((field) => (
              <div key={field.name} style={wide.has(field.type) ? { gridColumn: '1 / -1' } : undefined}>
                <FieldInput
                  object={meta.name}
                  field={field}
                  value={values[field.name]}
                  onChange={(value) => onChange(field.name, value)}
                  errors={errors}
                  autoFocus={autoFocusFirst && field.name === firstName}
                />
              </div>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
