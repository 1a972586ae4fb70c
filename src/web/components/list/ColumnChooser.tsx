import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import type { FieldMeta } from '../../../common/metadata';

interface ColumnChooserProps {
  fields: FieldMeta[];
  columns: string[];
  titleField: string;
  onChange: (columns: string[]) => void;
  onReset: () => void;
}

/** Show, hide and reorder columns; the title column always stays. */
export function ColumnChooser({ fields, columns, titleField, onChange, onReset }: ColumnChooserProps) {
  const shown = columns
    .map((name) => fields.find((f) => f.name === name))
    .filter((f): f is FieldMeta => Boolean(f));
  const hidden = fields.filter((f) => !columns.includes(f.name));
  const move = (index: number, by: number) => {
    const next = [...columns];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved);
    onChange(next);
  };

  return (
    <Popover position="bottom-end" width={300} shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={420} type="auto">
          <Stack gap={6}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              Shown, in order
            </Text>
            {shown.map((field, index) => (
              <Group key={field.name} justify="space-between" wrap="nowrap" gap="xs">
                <Checkbox
                  label={field.label}
                  checked
                  disabled={field.name === titleField}
                  onChange={() => onChange(columns.filter((c) => c !== field.name))}
                />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Move ${field.label} left`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={14} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Move ${field.label} right`}
                    disabled={index === shown.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
            {hidden.length > 0 && (
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="sm">
                Hidden
              </Text>
            )}
            {hidden.map((field) => (
              <Checkbox
                key={field.name}
                label={field.label}
                checked={false}
                onChange={() => onChange([...columns, field.name])}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Button variant="subtle" size="xs" mt="sm" fullWidth onClick={onReset}>
          Reset to default columns
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
