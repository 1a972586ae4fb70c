import { SimpleGrid, Stack, Title } from '@mantine/core';
import type { FieldMeta, ObjectMeta } from '../../../common/metadata';
import { editableFields } from '../../api/metadata';
import { webRegistry } from '../../registry';
import { FieldInput } from '../fields/FieldInput';
import type { FormWatch } from './formWatch';

interface RecordFormProps {
  meta: ObjectMeta;
  values: Record<string, unknown>;
  onChange: (name: string, value: unknown) => void;
  errors: Record<string, string>;
  /** told of each change, for the friction figures */
  watch: FormWatch;
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

/** Every writable field of an object, in its groups, with the server's errors and the modules' field actions beside each. */
export function RecordForm({ meta, values, onChange, errors, watch, autoFocusFirst }: RecordFormProps) {
  const groups = fieldGroups(editableFields(meta));
  const actions = webRegistry()
    .formWatchers()
    .flatMap((w) => (w.fieldAction ? [{ key: w.key, Action: w.fieldAction }] : []));
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
              <div
                key={field.name}
                style={{
                  display: 'flex',
                  alignItems: 'flex-start',
                  gap: 2,
                  ...(wide.has(field.type) ? { gridColumn: '1 / -1' } : {}),
                }}
              >
                <div style={{ flex: 1, minWidth: 0 }}>
                  <FieldInput
                    object={meta.name}
                    field={field}
                    value={values[field.name]}
                    onChange={(value) => {
                      watch.changed(field.name, values[field.name], value);
                      onChange(field.name, value);
                    }}
                    errors={errors}
                    autoFocus={autoFocusFirst && field.name === firstName}
                  />
                </div>
                {actions.map(({ key, Action }) => (
                  <Action key={key} object={meta.name} field={field} />
                ))}
              </div>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
