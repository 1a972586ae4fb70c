import { ActionIcon, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { FieldMeta } from '../../../common/metadata';
import type { FilterNode } from '../../../common/pagination';
import { ConditionEditor } from './ConditionEditor';
import {
  type FilterGroup,
  groupChildren,
  groupJoin,
  isGroup,
  isLeaf,
  makeGroup,
  operatorsFor,
} from './filterModel';

interface FilterGroupEditorProps {
  group: FilterGroup;
  fields: FieldMeta[];
  depth: number;
  onChange: (group: FilterGroup) => void;
  onRemove?: () => void;
}

/** An and/or group of conditions and nested groups. */
export function FilterGroupEditor({ group, fields, depth, onChange, onRemove }: FilterGroupEditorProps) {
  const join = groupJoin(group);
  const children = groupChildren(group);
  const replace = (index: number, node: FilterNode | null) =>
    onChange(
      makeGroup(
        join,
        node === null
          ? children.filter((_, i) => i !== index)
          : children.map((c, i) => (i === index ? node : c)),
      ),
    );
  const firstField = fields[0];
  const addCondition = () =>
    onChange(makeGroup(join, [...children, { field: firstField.name, op: operatorsFor(firstField)[0] }]));
  const addGroup = () =>
    onChange(
      makeGroup(join, [
        ...children,
        makeGroup(join === 'and' ? 'or' : 'and', [
          { field: firstField.name, op: operatorsFor(firstField)[0] },
        ]),
      ]),
    );

  return (
    <Paper
      withBorder={depth > 0}
      p={depth > 0 ? 'sm' : 0}
      radius="md"
      bg={depth > 0 ? 'var(--mantine-color-default-hover)' : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text size="sm">Match</Text>
            <SegmentedControl
              size="xs"
              aria-label="Match all or any conditions"
              value={join}
              onChange={(value) => onChange(makeGroup(value === 'or' ? 'or' : 'and', children))}
              data={[
                { value: 'and', label: 'all' },
                { value: 'or', label: 'any' },
              ]}
            />
            <Text size="sm">of these</Text>
          </Group>
          {onRemove && (
            <ActionIcon variant="subtle" color="gray" aria-label="Remove group" onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        {children.length === 0 && (
          <Text size="sm" c="dimmed">
            No conditions yet.
          </Text>
        )}
        {children.map((child, index) =>
          isLeaf(child) ? (
            <ConditionEditor
              key={index}
              leaf={child}
              fields={fields}
              onChange={(leaf) => replace(index, leaf)}
              onRemove={() => replace(index, null)}
            />
          ) : isGroup(child) ? (
            <FilterGroupEditor
              key={index}
              group={child}
              fields={fields}
              depth={depth + 1}
              onChange={(next) => replace(index, next)}
              onRemove={() => replace(index, null)}
            />
          ) : null,
        )}
        <Group gap="xs">
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addCondition}>
            Add condition
          </Button>
          {depth < 2 && (
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={addGroup}>
              Add group
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
