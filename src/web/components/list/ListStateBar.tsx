import { Badge, Button, CloseButton, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { FieldMeta } from '../../../common/metadata';
import { notifyFailure } from '../../api/notify';
import { useSession } from '../../api/session';
import { type SavedView, type SavedViewState, useSaveView, useSavedViews } from '../../api/views';
import { conditionText, topConditions, withoutCondition } from './filterChips';
import { differsFromView, type ListSearch, searchOfView } from './listSearch';
import { SaveViewModal } from './SaveViewModal';

interface ListStateBarProps {
  object: string;
  fields: FieldMeta[];
  search: ListSearch;
  state: SavedViewState;
  onChange: (patch: Partial<ListSearch>) => void;
  onSelectView: (view: SavedView | null) => void;
}

/**
 * What narrows the list, as removable chips, and whether it still shows what its view saved: a
 * changed view says so and offers Save, Save as and Reset.
 */
export function ListStateBar({ object, fields, search, state, onChange, onSelectView }: ListStateBarProps) {
  const view = useSavedViews(object).data?.find((v) => v.id === search.view);
  const session = useSession();
  const update = useSaveView(object);
  const [savingAs, saveAs] = useDisclosure(false);
  const conditions = topConditions(search.filter);
  const modified = view !== undefined && differsFromView(search, view);
  if (!conditions.length && !search.q && !modified) return null;

  return (
    <Group gap="xs" wrap="wrap" aria-label="Active filters" role="group">
      {search.q && (
        <Chip
          label={`Search: ${search.q}`}
          removeLabel="Remove search"
          onRemove={() => onChange({ q: undefined })}
        />
      )}
      {conditions.map((condition, index) => {
        const text = conditionText(condition, fields);
        return (
          <Chip
            key={`${index}:${text}`}
            label={text}
            removeLabel={`Remove filter ${text}`}
            onRemove={() => onChange({ filter: withoutCondition(search.filter, index) })}
          />
        );
      })}
      {modified && (
        <Group gap={6} wrap="nowrap" ml="auto">
          <Badge variant="light" color="yellow" c="dark">
            Modified
          </Badge>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            from “{view.name}”
          </Text>
          {view.ownerId === session?.user.id && (
            <Button
              size="compact-sm"
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { id: view.id, state },
                  { onError: (e) => notifyFailure(e, 'Could not save the view') },
                )
              }
            >
              Save
            </Button>
          )}
          <Button size="compact-sm" variant="default" onClick={saveAs.open}>
            Save as…
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => onChange(searchOfView(view))}>
            Reset
          </Button>
        </Group>
      )}
      <SaveViewModal
        object={object}
        opened={savingAs}
        state={state}
        onClose={saveAs.close}
        onSaved={onSelectView}
      />
    </Group>
  );
}

function Chip({
  label,
  removeLabel,
  onRemove,
}: {
  label: string;
  removeLabel: string;
  onRemove: () => void;
}) {
  return (
    <Badge
      variant="light"
      color="gray"
      c="var(--mantine-color-text)"
      size="lg"
      tt="none"
      fw={500}
      maw="100%"
      pr={2}
      rightSection={<CloseButton size="xs" aria-label={removeLabel} onClick={onRemove} />}
    >
      {label}
    </Badge>
  );
}
