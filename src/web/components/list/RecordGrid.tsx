import { useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { hasNameParts } from '../../api/metadata';
import type { CrmRecord } from '../../api/records';
import { cardHeight, rowHeight, selectColumnWidth, useColumnWidths } from './columnWidth';
import { type CellEdit, GridCellEditor } from './GridCellEditor';
import { GridRow } from './GridRow';
import { GridHeader } from './GridHeader';
import { focusCell, rowStep } from './gridKeys';
import { rememberListOrder } from './recordNavigation';
import type { ListRows } from '../../modules';

interface RecordGridProps extends ListRows {
  sort: string | undefined;
  onSort: (sort: string | undefined) => void;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}

const skeletonRows = 12;

/** A virtualized grid: only the visible rows exist in the DOM; the next keyset page loads near the end. */
export function RecordGrid(props: RecordGridProps) {
  const { meta, columns, rows, loading, hasNextPage, fetchingNextPage, fetchNextPage, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = loading ? skeletonRows : rows.length + (hasNextPage ? 1 : 0);
  // A phone has no room for columns side by side: each row becomes a card.
  const cards = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const height = cards ? cardHeight(columns.length) : rowHeight;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: 6,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, height]);
  const { widthOf, resize } = useColumnWidths(meta.name, meta.titleField);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : 0;

  useEffect(() => {
    if (!loading && hasNextPage && !fetchingNextPage && lastIndex >= rows.length - 30) fetchNextPage();
  }, [loading, hasNextPage, fetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  const width = selectColumnWidth + columns.reduce((sum, f) => sum + widthOf(f), 0);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  // Stable callbacks keep memoized rows from re-rendering on every scroll frame.
  const latest = useRef({ rows, onToggle: props.onToggle });
  latest.current = { rows, onToggle: props.onToggle };
  const onToggle = useCallback((id: string) => latest.current.onToggle(id), []);
  const navigate = useNavigate();
  const onOpen = useCallback(
    (event: React.MouseEvent<HTMLAnchorElement>, id: string) => {
      rememberListOrder(
        meta.name,
        latest.current.rows.map((r) => r.id),
      );
      // Modified clicks (new tab, new window) keep the browser's own behaviour.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void navigate({ to: '/o/$object/$id', params: { object: meta.name, id } });
    },
    [meta.name, navigate],
  );
  const [editing, setEditing] = useState<CellEdit | null>(null);
  const onEdit = useCallback(
    (record: CrmRecord, field: FieldMeta, cell: HTMLElement) => setEditing({ record, field, cell }),
    [],
  );

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const step = rowStep(event);
    if (!step) return;
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[role="row"][aria-rowindex]');
    const cell = target.closest<HTMLElement>('[role="gridcell"]');
    const from = row ? Number(row.getAttribute('aria-rowindex')) - 2 : -1;
    const to = Math.max(0, Math.min(rows.length - 1, from + step));
    if (to === from || !rows.length) return;
    event.preventDefault();
    const column = row && cell ? [...row.children].indexOf(cell) : 1;
    virtualizer.scrollToIndex(to);
    focusCell(scrollRef.current, to, column);
  };

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      className="rp-grid"
      role="grid"
      aria-label={meta.labelPlural}
      aria-rowcount={props.total !== undefined ? props.total + 1 : -1}
      aria-colcount={columns.length + 1}
      aria-multiselectable
      aria-busy={loading || fetchingNextPage}
      data-cards={cards || undefined}
      style={{ flex: 1, minHeight: 240 }}
    >
      <GridCellEditor object={meta.name} edit={editing} onClose={() => setEditing(null)} />
      <GridHeader
        columns={columns}
        titleField={meta.titleField}
        titleLabel={
          hasNameParts(meta) ? 'Name' : (meta.fields.find((f) => f.name === meta.titleField)?.label ?? 'Name')
        }
        sort={props.sort}
        onSort={props.onSort}
        allSelected={allSelected}
        someSelected={selected.size > 0}
        onToggleAll={props.onToggleAll}
        width={cards ? '100%' : width}
        widthOf={widthOf}
        onResize={resize}
      />
      {!loading && rows.length === 0 ? (
        // A grid holds only rows: the empty state (a message and a button) is the one cell of one row.
        <div role="rowgroup">
          <div role="row">
            <div role="gridcell" aria-colspan={columns.length + 1}>
              {props.empty}
            </div>
          </div>
        </div>
      ) : (
        <div
          role="rowgroup"
          style={{ height: virtualizer.getTotalSize(), width: cards ? '100%' : width, position: 'relative' }}
        >
          {items.map((item) => {
            const record = rows[item.index];
            return (
              <GridRow
                key={record?.id ?? `loading-${item.index}`}
                meta={meta}
                columns={columns}
                record={record}
                index={item.index}
                start={item.start}
                width={width}
                height={height}
                widthOf={widthOf}
                card={cards}
                selected={record ? selected.has(record.id) : false}
                onToggle={onToggle}
                onEdit={onEdit}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
