import { Loader, Popover, VisuallyHidden } from '@mantine/core';
import type { FieldMeta } from '../../../common/metadata';
import type { CrmRecord } from '../../api/records';
import { lazy, Suspense } from 'react';

// The editor brings every field input with it; it loads on the first edit, not with the list.
const CellEditor = lazy(() => import('./CellEditor').then((m) => ({ default: m.CellEditor })));

export interface CellEdit {
  record: CrmRecord;
  field: FieldMeta;
  cell: HTMLElement;
}

interface GridCellEditorProps {
  object: string;
  edit: CellEdit | null;
  onClose: () => void;
}

/** Where the cell sits in the grid's scrolled content, so an anchor placed there scrolls with it. */
function cellBox(cell: HTMLElement | undefined) {
  const grid = cell?.closest<HTMLElement>('[role="grid"]');
  if (!cell || !grid) return { left: 0, top: 0, width: 0, height: 0 };
  const c = cell.getBoundingClientRect();
  const g = grid.getBoundingClientRect();
  return {
    left: c.left - g.left - grid.clientLeft + grid.scrollLeft,
    top: c.top - g.top - grid.clientTop + grid.scrollTop,
    width: c.width,
    height: c.height,
  };
}

/**
 * One editor for the whole grid (hundreds of popovers would slow scrolling), anchored to the cell
 * being edited. The anchor is absolutely placed inside the grid, not fixed to the viewport: the
 * grid's CSS containment makes it the containing block of fixed descendants too.
 */
export function GridCellEditor({ object, edit, onClose }: GridCellEditorProps) {
  const box = cellBox(edit?.cell);
  const close = () => {
    edit?.cell.focus();
    onClose();
  };
  return (
    <Popover
      opened={Boolean(edit)}
      onChange={(opened) => !opened && close()}
      position="bottom-start"
      shadow="md"
      trapFocus
      withinPortal
    >
      <Popover.Target>
        <div
          aria-hidden
          style={{
            position: 'absolute',
            ...box,
            pointerEvents: 'none',
          }}
        />
      </Popover.Target>
      <Popover.Dropdown aria-label={edit ? `Edit ${edit.field.label}` : undefined}>
        {edit && (
          <Suspense
            fallback={
              <>
                <Loader size="sm" aria-hidden />
                <VisuallyHidden>Loading editor</VisuallyHidden>
              </>
            }
          >
            <CellEditor
              key={`${edit.record.id}:${edit.field.name}`}
              object={object}
              record={edit.record}
              field={edit.field}
              onDone={close}
            />
          </Suspense>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
