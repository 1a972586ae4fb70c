import { ActionIcon, Box, Button, Group, Stack, Text } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { Suspense, useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { fieldErrorMap } from '../../api/http';
import type { CrmRecord } from '../../api/records';
import { FieldInput } from '../fields/FieldInput';
import { FieldValue } from '../fields/FieldValue';
import { webRegistry } from '../../registry';

interface FieldRowProps {
  object: string;
  field: FieldMeta;
  record: CrmRecord;
  save: (changes: Record<string, unknown>) => Promise<CrmRecord | null>;
}

/** One field on the record page: its value, and an in-place editor for writable fields. */
export function FieldRow({ object, field, record, save }: FieldRowProps) {
  const [draft, setDraft] = useState<{ value: unknown } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const commit = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      await save({ [field.name]: draft.value });
      setDraft(null);
      setErrors({});
    } catch (error) {
      setErrors(fieldErrorMap(error));
    } finally {
      setSaving(false);
    }
  };

  if (draft) {
    return (
      <Box
        component="form"
        py={6}
        onSubmit={(e) => {
          e.preventDefault();
          void commit();
        }}
        onKeyDown={getHotkeyHandler([
          ['mod+S', () => void commit()],
          ['Escape', () => setDraft(null)],
        ])}
      >
        <Stack gap={6}>
          <FieldInput
            object={object}
            field={field}
            value={draft.value}
            onChange={(value) => setDraft({ value })}
            errors={errors}
            autoFocus
          />
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => (setDraft(null), setErrors({}))}>
              Cancel
            </Button>
            <Button size="xs" type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      </Box>
    );
  }

  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" py={6} className="rp-field-row">
      <Text size="sm" c="dimmed" w={140} style={{ flex: 'none' }}>
        {field.label}
      </Text>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <FieldValue object={object} field={field} value={record[field.name]} record={record} />
        <Suspense fallback={null}>
          {webRegistry()
            .fieldNotes(object)
            .map(({ key, component: Note }) => (
              <Note key={key} object={object} field={field} record={record} />
            ))}
        </Suspense>
      </Box>
      {!field.readOnly && (
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={`Edit ${field.label}`}
          onClick={() => setDraft({ value: record[field.name] ?? null })}
        >
          <IconPencil size={14} />
        </ActionIcon>
      )}
    </Group>
  );
}
