import { Checkbox, Group, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { FieldMeta } from '../../../common/metadata';
import { ColumnResizer } from './ColumnResizer';
import { rowHeight, selectColumnWidth, type WidthOf } from './columnWidth';

interface GridHeaderProps {
  columns: FieldMeta[];
  titleField: string;
  /** the title column's heading, e.g. "Name" when it joins first and last name */
  titleLabel: string;
  sort: string | undefined;
  onSort: (sort: string | undefined) => void;
  allSelected: boolean;
  someSelected: boolean;
  onToggleAll: () => void;
  width: number | string;
  widthOf: WidthOf;
  onResize: (field: string, width: number) => void;
}

/** `name` → ascending, `-name` → descending, then back to the default order. */
function nextSort(field: string, sort: string | undefined): string | undefined {
  const primary = sort?.split(',')[0];
  if (primary === field) return `-${field}`;
  if (primary === `-${field}`) return undefined;
  return field;
}

export function GridHeader({
  columns,
  titleField,
  titleLabel,
  sort,
  onSort,
  allSelected,
  someSelected,
  onToggleAll,
  width,
  widthOf,
  onResize,
}: GridHeaderProps) {
  const primary = sort?.split(',')[0];
  return (
    <div className="rp-grid-header" role="row" aria-rowindex={1} style={{ height: rowHeight, width }}>
      <div
        className="rp-grid-cell"
        role="columnheader"
        data-frozen="select"
        style={{ width: selectColumnWidth }}
      >
        <Checkbox
          size="xs"
          aria-label={allSelected ? 'Unselect all loaded rows' : 'Select all loaded rows'}
          checked={allSelected}
          indeterminate={someSelected && !allSelected}
          onChange={onToggleAll}
        />
      </div>
      {columns.map((field) => {
        const direction =
          primary === field.name ? 'ascending' : primary === `-${field.name}` ? 'descending' : undefined;
        const Icon =
          direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconSelector;
        const label = field.name === titleField ? titleLabel : field.label;
        const columnWidth = widthOf(field);
        return (
          <div
            key={field.name}
            className="rp-grid-cell"
            role="columnheader"
            aria-sort={direction ?? (field.sortable ? 'none' : undefined)}
            data-frozen={field.name === titleField ? 'title' : undefined}
            style={{ width: columnWidth }}
          >
            {/* The whole name on hover, however narrow the column. */}
            <Tooltip label={label} openDelay={400}>
              {field.sortable ? (
                <UnstyledButton
                  onClick={() => onSort(nextSort(field.name, sort))}
                  fw={600}
                  fz="sm"
                  style={{ minWidth: 0 }}
                >
                  <Group gap={4} wrap="nowrap">
                    <span className="rp-header-label">{label}</span>
                    <Icon size={14} aria-hidden opacity={direction ? 1 : 0.45} />
                  </Group>
                </UnstyledButton>
              ) : (
                <span className="rp-header-label">{label}</span>
              )}
            </Tooltip>
            <ColumnResizer label={label} width={columnWidth} onResize={(w) => onResize(field.name, w)} />
          </div>
        );
      })}
    </div>
  );
}
