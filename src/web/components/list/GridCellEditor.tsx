import { Loader, Popover } from '@mantine/core';
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

/** One editor for the whole grid, anchored over the cell being edited (hundreds of popovers would slow scrolling). */
export function GridCellEditor({ object, edit, onClose }: GridCellEditorProps) {
  const rect = edit?.cell.getBoundingClientRect();
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
            position: 'fixed',
            left: rect?.left ?? 0,
            top: rect?.top ?? 0,
            width: rect?.width ?? 0,
            height: rect?.height ?? 0,
            pointerEvents: 'none',
          }}
        />
      </Popover.Target>
      <Popover.Dropdown>
        {edit && (
          <Suspense fallback={<Loader size="sm" aria-label="Loading editor" />}>
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
