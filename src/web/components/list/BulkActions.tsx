import { ActionBar, Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { FieldMeta } from '../../../common/metadata';
import { notifyFailure } from '../../api/notify';
import { recordKeys, restoreRecords, useBulk } from '../../api/records';
import { lazy, Suspense } from 'react';

const BulkEditModal = lazy(() => import('./BulkEditModal').then((m) => ({ default: m.BulkEditModal })));

interface BulkActionsProps {
  object: string;
  labelPlural: string;
  fields: FieldMeta[];
  selected: string[];
  onClear: () => void;
}

export function BulkActions({ object, labelPlural, fields, selected, onClear }: BulkActionsProps) {
  const [editing, edit] = useDisclosure(false);
  const bulk = useBulk(object);
  const client = useQueryClient();
  const label = labelPlural.toLowerCase();

  const undo = async (ids: string[], notificationId: string) => {
    notifications.hide(notificationId);
    try {
      await restoreRecords(object, ids);
      notifications.show({ color: 'teal', title: 'Restored', message: `${ids.length} ${label} are back.` });
    } catch (error) {
      notifyFailure(error, 'Could not restore');
    } finally {
      void client.invalidateQueries({ queryKey: recordKeys.all(object) });
    }
  };

  const remove = () => {
    const ids = [...selected];
    bulk.mutate(
      { delete: ids },
      {
        onSuccess: () => {
          onClear();
          const id = `deleted-${Date.now()}`;
          notifications.show({
            id,
            autoClose: 10_000,
            title: `${ids.length} ${label} moved to the recycle bin`,
            message: (
              <Button size="compact-xs" variant="light" mt={4} onClick={() => void undo(ids, id)}>
                Undo
              </Button>
            ),
          });
        },
        onError: (error) => notifyFailure(error, 'Could not delete'),
      },
    );
  };

  return (
    <>
      <ActionBar
        opened={selected.length > 0}
        onClose={onClear}
        aria-label="Bulk actions"
        position={{ bottom: 24 }}
        zIndex={150}
      >
        <Text size="sm" fw={600} px="xs">
          {selected.length} selected
        </Text>
        <ActionBar.Divider />
        <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={edit.open}>
          Edit
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={remove}
          loading={bulk.isPending}
        >
          Delete
        </Button>
        <ActionBar.CloseButton aria-label="Clear selection" />
      </ActionBar>
      {editing && (
        <Suspense fallback={null}>
          <BulkEditModal
            object={object}
            label={label}
            fields={fields}
            ids={selected}
            opened={editing}
            onClose={edit.close}
            onDone={onClear}
          />
        </Suspense>
      )}
    </>
  );
}
