import { Badge, Button, Group, Popover, Stack } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import type { FilterNode } from '../../../common/pagination';
import { FilterGroupEditor } from './FilterGroupEditor';
import { countConditions, type FilterGroup, isGroup, pruneFilter } from './filterModel';

interface FilterBuilderProps {
  fields: FieldMeta[];
  filter: FilterNode | undefined;
  onApply: (filter: FilterNode | undefined) => void;
}

function asGroup(filter: FilterNode | undefined): FilterGroup {
  if (!filter) return { and: [] };
  return isGroup(filter) ? filter : { and: [filter] };
}

export function FilterBuilder({ fields, filter, onApply }: FilterBuilderProps) {
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<FilterGroup>(asGroup(filter));
  const active = countConditions(filter);
  const filterable = fields.filter((f) => f.filterable);

  const open = () => {
    setDraft(asGroup(filter));
    setOpened(true);
  };
  const apply = (next: FilterNode | undefined) => {
    onApply(pruneFilter(next));
    setOpened(false);
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      width="min(640px, calc(100vw - 24px))"
      shadow="md"
      trapFocus
      withinPortal
    >
      <Popover.Target>
        <Button
          variant={active ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          rightSection={
            active ? (
              <Badge size="xs" circle>
                {active}
              </Badge>
            ) : undefined
          }
          onClick={() => (opened ? setOpened(false) : open())}
        >
          Filter
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="md">
          {filterable.length > 0 && (
            <FilterGroupEditor group={draft} fields={filterable} depth={0} onChange={setDraft} />
          )}
          <Group justify="space-between">
            <Button variant="subtle" color="gray" size="xs" onClick={() => apply(undefined)}>
              Clear all
            </Button>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button size="xs" onClick={() => apply(draft)}>
                Apply filter
              </Button>
            </Group>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
