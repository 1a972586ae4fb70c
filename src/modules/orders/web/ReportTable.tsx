import { Table } from '@mantine/core';

/** A report's table that scrolls sideways on a phone; the scroll area is named and focusable for keyboards. */
export function ReportTable({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: React.ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} aria-label={label} role="region">
      <Table striped withTableBorder aria-label={label}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
