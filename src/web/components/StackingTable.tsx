import { Table, type TableProps } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';

/** Puts each column's heading on its cells, for the phone layout to show beside each value. */
function labelCells(table: HTMLTableElement) {
  const headings = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent?.trim() ?? '');
  for (const body of table.tBodies)
    for (const row of body.rows)
      [...row.cells].forEach((cell, i) => {
        if (!headings[i]) cell.removeAttribute('data-label');
        else if (cell.getAttribute('data-label') !== headings[i])
          cell.setAttribute('data-label', headings[i]);
      });
}

/**
 * A table that fits a phone: below 36em each row stacks into a card, each value beside its column's
 * heading, instead of a table cut off at the screen's edge.
 */
export function StackingTable({ className, ...props }: TableProps) {
  const ref = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    labelCells(table);
    const observer = new MutationObserver(() => labelCells(table));
    observer.observe(table, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return <Table ref={ref} className={['rp-stack-table', className].filter(Boolean).join(' ')} {...props} />;
}
