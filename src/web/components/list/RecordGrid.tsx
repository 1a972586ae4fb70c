import { Anchor, Checkbox, Skeleton } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';
import type { FieldMeta, ObjectMeta } from '../../../common/metadata';
import type { CrmRecord } from '../../api/records';
import { recordTitle } from '../fields/recordTitle';
import { columnWidth, rowHeight, selectColumnWidth } from './columnWidth';
import { GridCell } from './GridCell';
import { GridHeader } from './GridHeader';
import { rememberListOrder } from './recordNavigation';

interface RecordGridProps {
  meta: ObjectMeta;
  columns: FieldMeta[];
  rows: CrmRecord[];
  total: number | undefined;
  loading: boolean;
  hasNextPage: boolean;
  fetchingNextPage: boolean;
  fetchNextPage: () => void;
  sort: string | undefined;
  onSort: (sort: string | undefined) => void;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  empty: ReactNode;
}

const skeletonRows = 12;

/** A virtualized grid: only the visible rows exist in the DOM; the next keyset page loads near the end. */
export function RecordGrid(props: RecordGridProps) {
  const { meta, columns, rows, loading, hasNextPage, fetchingNextPage, fetchNextPage, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = loading ? skeletonRows : rows.length + (hasNextPage ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : 0;

  useEffect(() => {
    if (!loading && hasNextPage && !fetchingNextPage && lastIndex >= rows.length - 30) fetchNextPage();
  }, [loading, hasNextPage, fetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  const width =
    selectColumnWidth + columns.reduce((sum, f) => sum + columnWidth(f, f.name === meta.titleField), 0);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const open = () =>
    rememberListOrder(
      meta.name,
      rows.map((r) => r.id),
    );

  return (
    <div
      ref={scrollRef}
      className="rp-grid"
      role="grid"
      aria-label={meta.labelPlural}
      aria-rowcount={props.total !== undefined ? props.total + 1 : -1}
      aria-colcount={columns.length + 1}
      aria-multiselectable
      aria-busy={loading || fetchingNextPage}
      style={{ flex: 1, minHeight: 240 }}
    >
      <GridHeader
        columns={columns}
        titleField={meta.titleField}
        sort={props.sort}
        onSort={props.onSort}
        allSelected={allSelected}
        someSelected={selected.size > 0}
        onToggleAll={props.onToggleAll}
        width={Math.max(width, 0)}
      />
      {!loading && rows.length === 0 ? (
        props.empty
      ) : (
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {items.map((item) => {
            const record = rows[item.index];
            return (
              <div
                key={record?.id ?? `loading-${item.index}`}
                className="rp-grid-row"
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={record ? selected.has(record.id) : undefined}
                data-selected={record ? selected.has(record.id) : undefined}
                style={{ height: rowHeight, width, transform: `translateY(${item.start}px)` }}
              >
                <div className="rp-grid-cell" role="gridcell" style={{ width: selectColumnWidth }}>
                  {record && (
                    <Checkbox
                      size="xs"
                      aria-label={`Select ${recordTitle(meta, record)}`}
                      checked={selected.has(record.id)}
                      onChange={() => props.onToggle(record.id)}
                    />
                  )}
                </div>
                {columns.map((field) => (
                  <div
                    key={field.name}
                    className="rp-grid-cell"
                    role="gridcell"
                    style={{ width: columnWidth(field, field.name === meta.titleField) }}
                  >
                    {!record ? (
                      <Skeleton height={12} width="70%" radius="sm" />
                    ) : field.name === meta.titleField ? (
                      <Anchor
                        renderRoot={(props) => (
                          <Link
                            {...props}
                            to="/o/$object/$id"
                            params={{ object: meta.name, id: record.id }}
                          />
                        )}
                        size="sm"
                        fw={500}
                        truncate
                        onClick={open}
                      >
                        {recordTitle(meta, record)}
                      </Anchor>
                    ) : (
                      <GridCell object={meta.name} record={record} field={field} />
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
