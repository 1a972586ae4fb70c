import { Alert, Button, Group, Stack } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { ApiError, fieldErrorMap } from '../../api/http';
import { notifyFailure } from '../../api/notify';
import { type CrmRecord, fetchRecord, useUpdateRecord } from '../../api/records';
import { FieldInput } from '../fields/FieldInput';
import { formatFieldText } from '../fields/format';

interface CellEditorProps {
  object: string;
  record: CrmRecord;
  field: FieldMeta;
  onDone: () => void;
}

/** Edits one field of one record in place; a stale version shows both values before anything is overwritten. */
export function CellEditor({ object, record, field, onDone }: CellEditorProps) {
  const [value, setValue] = useState<unknown>(record[field.name] ?? null);
  const [conflict, setConflict] = useState<CrmRecord | null>(null);
  const update = useUpdateRecord(object);
  const errors = fieldErrorMap(update.error);
  const generalError =
    update.error instanceof ApiError &&
    !update.error.isTransient &&
    !Object.keys(errors).length &&
    update.error.status !== 412;

  const save = (version: number) =>
    update.mutate(
      { id: record.id, version, changes: { [field.name]: value } },
      {
        onSuccess: onDone,
        onError: async (error) => {
          if (error instanceof ApiError && error.status === 412) {
            try {
              setConflict(await fetchRecord(object, record.id));
            } catch (reloadError) {
              notifyFailure(reloadError, 'Could not load the latest version');
            }
          }
        },
      },
    );

  if (conflict) {
    return (
      <Stack gap="xs" maw={320}>
        <Alert color="yellow" title="Someone changed this record" p="xs">
          {field.label} is now “{formatFieldText(field, conflict[field.name]) || 'empty'}”. You entered “
          {formatFieldText(field, value) || 'empty'}”.
        </Alert>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            Keep theirs
          </Button>
          <Button size="xs" onClick={() => save(conflict.version)} loading={update.isPending}>
            Use mine
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save(record.version);
      }}
      onKeyDown={getHotkeyHandler([['mod+S', () => save(record.version)]])}
    >
      <Stack gap="xs" w={field.type === 'address' ? 360 : 280}>
        <FieldInput
          object={object}
          field={field}
          value={value}
          onChange={setValue}
          errors={errors}
          autoFocus
          inPopover
        />
        {generalError && (
          <Alert color="red" p="xs">
            {update.error?.message}
          </Alert>
        )}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button size="xs" type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
