import ExcelJS from 'exceljs';
import { csvRows, safeCell } from '../../../server/engine';
import type { ReportAnswer, ReportQuery } from '../contract';
import { reportPdf } from './reportPdf';

export const exportFormats = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A grouped value in words: its option label or record name where the answer has one. */
function groupText(answer: ReportAnswer, field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  return answer.labels.values[field]?.[String(value)] ?? String(value);
}

/** The rows as text, values in words; for a spreadsheet, neutralised as the list export does. */
function table(query: ReportQuery, answer: ReportAnswer, forSpreadsheet = true): string[][] {
  const groups = (query.groupBy ?? []).map((g) => (typeof g === 'string' ? g : g.field));
  const cell = forSpreadsheet ? safeCell : (value: unknown) => (value == null ? '' : String(value));
  return answer.data.map((row) => [
    ...groups.map((g) => cell(groupText(answer, g, row.group[g]))),
    ...row.values.map(cell),
  ]);
}

/** The report's rows as a file; every format is small (at most the aggregate's 1,000 groups). */
export async function reportFile(
  query: ReportQuery,
  answer: ReportAnswer,
  format: ExportFormat,
  title = 'Report',
): Promise<{ body: Buffer; type: string }> {
  if (format === 'pdf') {
    const body = await reportPdf(
      title,
      answer.labels.columns,
      table(query, answer, false),
      query.groupBy?.length ?? 0,
    );
    return { body, type: 'application/pdf' };
  }
  const rows = [answer.labels.columns.map(safeCell), ...table(query, answer)];
  if (format === 'csv')
    return { body: Buffer.from('\uFEFF' + csvRows(rows)), type: 'text/csv; charset=utf-8' };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Report');
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
