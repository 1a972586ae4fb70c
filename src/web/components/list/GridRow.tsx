import { Anchor, Checkbox, Skeleton, VisuallyHidden } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { memo } from 'react';
import type { FieldMeta, ObjectMeta } from '../../../common/metadata';
import type { CrmRecord } from '../../api/records';
import { FieldValue } from '../fields/FieldValue';
import { recordTitle } from '../fields/recordTitle';
import { selectColumnWidth, type WidthOf } from './columnWidth';
import { ReferenceCell } from './ReferenceCell';

/** A link to one record of another object (not a user): its name opens it. */
const isRecordLink = (field: FieldMeta) =>
  field.type === 'reference' && Boolean(field.reference) && field.reference !== 'users';

export interface GridRowProps {
  meta: ObjectMeta;
  columns: FieldMeta[];
  record: CrmRecord | undefined;
  index: number;
  start: number;
  width: number;
  height: number;
  widthOf: WidthOf;
  /** a phone's card: the cells stack, each column's name beside its value */
  card: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
  onEdit: (record: CrmRecord, field: FieldMeta, cell: HTMLElement) => void;
  /** follows the title link inside the app (a plain link: a router Link per row costs too much while scrolling) */
  onOpen: (event: React.MouseEvent<HTMLAnchorElement>, id: string) => void;
}

/** One grid row; memoized so scrolling renders only the rows that come into view. */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { meta, columns, record, index, start, width, height, selected, card } = props;
  return (
    <div
      className="rp-grid-row"
      role="row"
      aria-rowindex={index + 2}
      aria-selected={record ? selected : undefined}
      data-selected={record ? selected : undefined}
      style={{ height, width: card ? '100%' : width, transform: `translateY(${start}px)` }}
    >
      <div
        className="rp-grid-cell"
        role="gridcell"
        data-frozen="select"
        style={card ? undefined : { width: selectColumnWidth }}
      >
        {record && (
          <Checkbox
            size="xs"
            aria-label={`Select ${recordTitle(meta, record)}`}
            checked={selected}
            onChange={() => props.onToggle(record.id)}
          />
        )}
      </div>
      {columns.map((field) => (
        <div
          key={field.name}
          className="rp-grid-cell"
          role="gridcell"
          data-frozen={field.name === meta.titleField ? 'title' : undefined}
          data-label={card && field.name !== meta.titleField ? field.label : undefined}
          style={card ? undefined : { width: props.widthOf(field) }}
        >
          {!record ? (
            <Skeleton height={12} width="70%" radius="sm" />
          ) : field.name === meta.titleField ? (
            <Anchor
              href={`/o/${meta.name}/${record.id}`}
              size="sm"
              fw={500}
              truncate
              onClick={(e) => props.onOpen(e, record.id)}
            >
              {recordTitle(meta, record)}
            </Anchor>
          ) : field.readOnly ? (
            <FieldValue object={meta.name} field={field} value={record[field.name]} record={record} compact />
          ) : isRecordLink(field) && record[field.name] ? (
            // A linked record opens from its name; its own small button edits the link.
            <div className="rp-cell-split">
              <ReferenceCell object={field.reference as string} id={String(record[field.name])} />
              <button
                type="button"
                className="rp-cell-button rp-cell-edit"
                aria-label={`Edit ${field.label}`}
                onClick={(e) => props.onEdit(record, field, e.currentTarget)}
              >
                <IconPencil size={12} aria-hidden />
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="rp-cell-button"
              onClick={(e) => props.onEdit(record, field, e.currentTarget)}
            >
              <FieldValue
                object={meta.name}
                field={field}
                value={record[field.name]}
                record={record}
                compact
              />
              <VisuallyHidden>, edit {field.label}</VisuallyHidden>
            </button>
          )}
        </div>
      ))}
    </div>
  );
});
