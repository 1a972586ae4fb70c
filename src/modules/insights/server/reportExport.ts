import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { safeCell } from '../../../server/engine';
import type { ReportAnswer, ReportQuery } from '../contract';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The header row: the grouped fields, then each measure as `fn(field)`. */
function header(query: ReportQuery): { groups: string[]; labels: string[] } {
  const groups = (query.groupBy ?? []).map((g) =>
    typeof g === 'string' ? g : g.bucket ? `${g.field} (${g.bucket})` : g.field,
  );
  const fields = (query.groupBy ?? []).map((g) => (typeof g === 'string' ? g : g.field));
  const measures = query.measures.map((m) => (m.field ? `${m.fn}(${m.field})` : m.fn));
  return { groups: fields, labels: [...groups, ...measures] };
}

function table(query: ReportQuery, answer: ReportAnswer): string[][] {
  const { groups } = header(query);
  // Cells are neutralised as the list export does: a value never runs as a spreadsheet formula.
  return answer.data.map((row) => [
    ...groups.map((g) => safeCell(row.group[g])),
    ...row.values.map(safeCell),
  ]);
}

/** The report's rows as a file; both formats are small (at most the aggregate's 1,000 groups). */
export async function reportFile(
  query: ReportQuery,
  answer: ReportAnswer,
  format: ExportFormat,
): Promise<{ body: Buffer; type: string }> {
  const rows = [header(query).labels, ...table(query, answer)];
  if (format === 'csv')
    return { body: Buffer.from('\uFEFF' + stringify(rows)), type: 'text/csv; charset=utf-8' };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Report');
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
