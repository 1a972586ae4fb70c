import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorMap } from '../../api/http';
import { notifyFailure } from '../../api/notify';
import { type SavedView, type SavedViewState, useSaveView } from '../../api/views';

interface SaveViewModalProps {
  object: string;
  opened: boolean;
  state: SavedViewState;
  onClose: () => void;
  onSaved: (view: SavedView) => void;
}

export function SaveViewModal({ object, opened, state, onClose, onSaved }: SaveViewModalProps) {
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [isDefault, setIsDefault] = useState(false);
  const save = useSaveView(object);
  const errors = fieldErrorMap(save.error);

  const submit = () =>
    save.mutate(
      { name: name.trim(), shared, isDefault, state },
      {
        onSuccess: (view) => {
          onSaved(view);
          setName('');
          onClose();
        },
        onError: (error) => {
          if (!Object.keys(fieldErrorMap(error)).length) notifyFailure(error, 'Could not save the view');
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title="Save view">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label="View name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={120}
          />
          <Checkbox
            label="Share with the whole workspace"
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          <Checkbox
            label="Open this view by default"
            checked={isDefault}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
