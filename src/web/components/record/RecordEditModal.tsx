import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { closeUnlessUnsaved, useUnsavedInput } from './discardGuard';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { ApiError, fieldErrorMap } from '../../api/http';
import type { CrmRecord } from '../../api/records';
import { useFormWatch } from './formWatch';
import { RecordForm } from './RecordForm';

interface RecordEditModalProps {
  meta: ObjectMeta;
  record: CrmRecord;
  opened: boolean;
  onClose: () => void;
  save: (changes: Record<string, unknown>) => Promise<CrmRecord | null>;
}

function changedValues(before: CrmRecord, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null)),
  );
}

function EditForm({ meta, record, onClose, save }: Omit<RecordEditModalProps, 'opened'>) {
  const [values, setValues] = useState<Record<string, unknown>>({ ...record });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const watch = useFormWatch(meta.name);
  const errors = fieldErrorMap(error);
  useUnsavedInput(Object.keys(changedValues(record, values)).length > 0);

  const submit = async () => {
    const changes = changedValues(record, values);
    if (!Object.keys(changes).length) return onClose();
    setSaving(true);
    try {
      await save(changes);
      watch.completed();
      // Saved, or handed to the conflict dialog which keeps both versions.
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={getHotkeyHandler([['mod+S', () => void submit()]])}
    >
      <Stack>
        <RecordForm
          meta={meta}
          values={values}
          onChange={(name, value) => setValues((prev) => ({ ...prev, [name]: value }))}
          errors={errors}
          watch={watch}
          autoFocusFirst
        />
        {error instanceof ApiError && !error.isTransient && !error.fieldErrors.length && (
          <Alert color="red">{error.message}</Alert>
        )}
        <Group justify="flex-end" pos="sticky" bottom={0} py="xs" bg="var(--mantine-color-body)">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RecordEditModal(props: RecordEditModalProps) {
  return (
    <Modal
      opened={props.opened}
      onClose={() => closeUnlessUnsaved(props.onClose)}
      title={`Edit ${props.meta.label.toLowerCase()}`}
      size="xl"
      closeOnClickOutside={false}
    >
      {props.opened && (
        <EditForm meta={props.meta} record={props.record} onClose={props.onClose} save={props.save} />
      )}
    </Modal>
  );
}
