import { Popover, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import type { CrmRecord } from '../../api/records';
import { FieldValue } from '../fields/FieldValue';
import { formatFieldText } from '../fields/format';
import { CellEditor } from './CellEditor';

interface GridCellProps {
  object: string;
  record: CrmRecord;
  field: FieldMeta;
}

/** A cell that shows its value and, when the field is writable, edits it in a popover. */
export function GridCell({ object, record, field }: GridCellProps) {
  const [editing, setEditing] = useState(false);
  if (field.readOnly) return <FieldValue field={field} value={record[field.name]} compact />;
  return (
    <Popover
      opened={editing}
      onChange={setEditing}
      position="bottom-start"
      shadow="md"
      trapFocus
      withinPortal
      returnFocus
    >
      <Popover.Target>
        <UnstyledButton
          className="rp-cell-button"
          px={4}
          aria-label={`${field.label}: ${formatFieldText(field, record[field.name]) || 'empty'}. Edit`}
          onClick={() => setEditing((o) => !o)}
        >
          <FieldValue field={field} value={record[field.name]} compact />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        {editing && (
          <CellEditor object={object} record={record} field={field} onDone={() => setEditing(false)} />
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
