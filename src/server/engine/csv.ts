const needsQuotes = /[",\r\n]/;

/** One cell as RFC 4180 CSV: quoted (its quotes doubled) when it holds a comma, quote or line break. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, each ending in a line feed. Cells are written as given: neutralise them first (`safeCell`). */
export function csvRows(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvCell).join(',')}\n`;
  return out;
}
