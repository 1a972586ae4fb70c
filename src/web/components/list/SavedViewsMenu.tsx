import { Button, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconDeviceFloppy,
  IconEye,
  IconStar,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useSession } from '../../api/session';
import { notifyFailure } from '../../api/notify';
import {
  type SavedView,
  type SavedViewState,
  useDeleteView,
  useSaveView,
  useSavedViews,
} from '../../api/views';
import { SaveViewModal } from './SaveViewModal';

interface SavedViewsMenuProps {
  object: string;
  allLabel: string;
  currentViewId: string | undefined;
  state: SavedViewState;
  onSelect: (view: SavedView | null) => void;
}

export function SavedViewsMenu({ object, allLabel, currentViewId, state, onSelect }: SavedViewsMenuProps) {
  const views = useSavedViews(object).data ?? [];
  const session = useSession();
  const [saving, saveModal] = useDisclosure(false);
  const update = useSaveView(object);
  const remove = useDeleteView(object);
  const current = views.find((v) => v.id === currentViewId);
  const ownsCurrent = current && current.ownerId === session?.user.id;

  return (
    <>
      <Menu position="bottom-start" width={260} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconChevronDown size={14} />}
            leftSection={<IconEye size={16} />}
            maw={260}
          >
            <Text size="sm" truncate>
              {current?.name ?? allLabel}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Views</Menu.Label>
          <Menu.Item onClick={() => onSelect(null)} fw={!current ? 600 : undefined}>
            {allLabel}
          </Menu.Item>
          {views.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => onSelect(view)}
              fw={view.id === currentViewId ? 600 : undefined}
              rightSection={
                view.isDefault ? (
                  <IconStar size={14} aria-label="default view" />
                ) : view.shared ? (
                  <IconUsers size={14} aria-label="shared" />
                ) : undefined
              }
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={saveModal.open}>
            Save as new view…
          </Menu.Item>
          {current && ownsCurrent && (
            <>
              <Menu.Item
                leftSection={<IconDeviceFloppy size={16} />}
                onClick={() =>
                  update.mutate(
                    { id: current.id, state },
                    { onError: (e) => notifyFailure(e, 'Could not update the view') },
                  )
                }
              >
                Update “{current.name}”
              </Menu.Item>
              {!current.isDefault && (
                <Menu.Item
                  leftSection={<IconStar size={16} />}
                  onClick={() =>
                    update.mutate(
                      { id: current.id, isDefault: true },
                      { onError: (e) => notifyFailure(e, 'Could not set the default') },
                    )
                  }
                >
                  Make default
                </Menu.Item>
              )}
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() =>
                  remove.mutate(current.id, {
                    onSuccess: () => onSelect(null),
                    onError: (e) => notifyFailure(e, 'Could not delete the view'),
                  })
                }
              >
                Delete view
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <SaveViewModal
        object={object}
        opened={saving}
        state={state}
        onClose={saveModal.close}
        onSaved={onSelect}
      />
    </>
  );
}
