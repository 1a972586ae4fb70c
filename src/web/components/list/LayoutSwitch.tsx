import { Center, SegmentedControl, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import type { ListLayoutName } from '../../../modules/views/contract';
import type { ListLayout } from '../../modules';

interface LayoutSwitchProps {
  layouts: ListLayout[];
  /** undefined is the table */
  value: ListLayoutName | undefined;
  onChange: (layout: ListLayoutName | undefined) => void;
}

/** Table or one of the layouts modules offer for this object; absent when the table is the only one. */
export function LayoutSwitch({ layouts, value, onChange }: LayoutSwitchProps) {
  if (layouts.length === 0) return null;
  const options = [{ name: 'table' as const, label: 'Table', icon: IconTable }, ...layouts];
  return (
    <SegmentedControl
      aria-label="Layout"
      value={value ?? 'table'}
      onChange={(name) => onChange(name === 'table' ? undefined : options.find((o) => o.name === name)?.name)}
      data={options.map((option) => ({
        value: option.name,
        label: (
          <Tooltip label={option.label}>
            <Center>
              <option.icon size={16} aria-hidden />
              <VisuallyHidden>{option.label}</VisuallyHidden>
            </Center>
          </Tooltip>
        ),
      }))}
    />
  );
}
