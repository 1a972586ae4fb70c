import { Alert, Button, Group, Modal, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import type { CrmRecord } from '../../../web/api/records';
import { eraseContact } from './api';

const nameOf = (record: CrmRecord) =>
  [record.firstName, record.lastName].filter((p) => typeof p === 'string' && p.trim()).join(' ');

/** Erasure asks for the person's name to be typed: it cannot be undone. */
export function EraseDialog({ record, onClose }: { record: CrmRecord; onClose: () => void }) {
  const client = useQueryClient();
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const name = nameOf(record) || record.id;
  const erase = async () => {
    setBusy(true);
    try {
      setError(null);
      const summary = await eraseContact(record.id, confirm);
      notifications.show({
        color: 'teal',
        message: `Erased: ${summary.fieldsCleared.length} fields, ${summary.historyEntriesScrubbed} history entries, ${summary.activitiesScrubbed} activities`,
      });
      await client.invalidateQueries({ queryKey: ['records'] });
      await client.invalidateQueries({ queryKey: ['privacy'] });
      onClose();
    } catch (failure) {
      setError(failure);
      if (!Object.keys(fieldErrorMap(failure)).length) notifyFailure(failure, 'Could not erase this person');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Erase this person">
      <Alert color="red" mb="md">
        This cannot be undone. Their name, emails, phones, address, notes and custom fields are cleared, their
        history keeps no values, activities about them alone lose their subject and text, and their consents
        become withdrawn. The anonymous record stays so that counts and deal amounts still add up.
      </Alert>
      <Text size="sm" mb="xs">
        Type <b>{name}</b> to confirm.
      </Text>
      <TextInput
        aria-label="Name of the person to erase"
        value={confirm}
        onChange={(e) => setConfirm(e.currentTarget.value)}
        error={fieldErrorMap(error).confirm}
        data-autofocus
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" loading={busy} disabled={!confirm.trim()} onClick={() => void erase()}>
          Erase for good
        </Button>
      </Group>
    </Modal>
  );
}
