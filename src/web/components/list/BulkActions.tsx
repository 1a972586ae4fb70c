import { ActionBar, Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { type BulkScope, deleteMatching, undoBulk } from '../../api/bulkMatching';
import { notifyFailure } from '../../api/notify';
import { recordKeys } from '../../api/records';

const BulkEditModal = lazy(() => import('./BulkEditModal').then((m) => ({ default: m.BulkEditModal })));

interface BulkActionsProps {
  object: string;
  labelPlural: string;
  fields: FieldMeta[];
  /** the records the actions apply to; null hides the bar */
  scope: BulkScope | null;
  /** every record the list matches, when more than are ticked: offered as "Select all N matching" */
  allMatching: BulkScope | null;
  onSelectAllMatching: () => void;
  onClear: () => void;
}

export function BulkActions(props: BulkActionsProps) {
  const { object, labelPlural, fields, scope, allMatching, onSelectAllMatching, onClear } = props;
  const [editing, edit] = useDisclosure(false);
  const client = useQueryClient();
  const label = labelPlural.toLowerCase();
  const refresh = () => client.invalidateQueries({ queryKey: recordKeys.all(object) });

  /** Shows what was done, with an Undo that sends the old state back. */
  const offerUndo = (title: string, undo: Parameters<typeof undoBulk>[1]) => {
    const id = `bulk-${Date.now()}`;
    const run = async () => {
      notifications.hide(id);
      try {
        await undoBulk(object, undo);
        notifications.show({ color: 'teal', title: 'Undone', message: `The ${label} are as they were.` });
      } catch (error) {
        notifyFailure(error, 'Could not undo');
      } finally {
        void refresh();
      }
    };
    notifications.show({
      id,
      autoClose: 10_000,
      title,
      message: (
        <Button size="compact-xs" variant="light" mt={4} onClick={() => void run()}>
          Undo
        </Button>
      ),
    });
  };

  const remove = useMutation({
    mutationFn: (target: BulkScope) => deleteMatching(object, target),
    onSuccess: ({ deleted }) => {
      onClear();
      offerUndo(`${deleted.length.toLocaleString()} ${label} moved to the recycle bin`, { restore: deleted });
    },
    onError: (error) => notifyFailure(error, 'Could not delete'),
    onSettled: refresh,
  });

  return (
    <>
      <ActionBar
        opened={scope !== null}
        onClose={onClear}
        aria-label="Bulk actions"
        position={{ bottom: 24 }}
        zIndex={150}
      >
        <Text size="sm" fw={600} px="xs">
          {(scope?.count ?? 0).toLocaleString()} selected
        </Text>
        {allMatching && (
          <Button size="xs" variant="subtle" onClick={onSelectAllMatching}>
            Select all {allMatching.count.toLocaleString()} matching
          </Button>
        )}
        <ActionBar.Divider />
        <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={edit.open}>
          Edit
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => scope && remove.mutate(scope)}
          loading={remove.isPending}
        >
          Delete
        </Button>
        <ActionBar.CloseButton aria-label="Clear selection" />
      </ActionBar>
      {editing && scope && (
        <Suspense fallback={null}>
          <BulkEditModal
            object={object}
            label={label}
            fields={fields}
            scope={scope}
            opened={editing}
            onClose={edit.close}
            onDone={(fieldLabel, previous) => {
              onClear();
              void refresh();
              offerUndo(`${fieldLabel} set on ${previous.length.toLocaleString()} ${label}`, {
                update: previous,
              });
            }}
          />
        </Suspense>
      )}
    </>
  );
}
