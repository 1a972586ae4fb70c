import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { safeCell } from '../../../server/engine';
import type { ReportAnswer, ReportQuery } from '../contract';
import { reportPdf } from './reportPdf';

export const exportFormats = ['csv', 'xlsx', 'pdf'] as const;
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

/** The rows as text; for a spreadsheet, neutralised as the list export does: a value never runs as a formula. */
function table(query: ReportQuery, answer: ReportAnswer, forSpreadsheet = true): string[][] {
  const { groups } = header(query);
  const cell = forSpreadsheet ? safeCell : (value: unknown) => (value == null ? '' : String(value));
  return answer.data.map((row) => [...groups.map((g) => cell(row.group[g])), ...row.values.map(cell)]);
}

/** The report's rows as a file; every format is small (at most the aggregate's 1,000 groups). */
export async function reportFile(
  query: ReportQuery,
  answer: ReportAnswer,
  format: ExportFormat,
  title = 'Report',
): Promise<{ body: Buffer; type: string }> {
  if (format === 'pdf') {
    const { labels } = header(query);
    const body = await reportPdf(title, labels, table(query, answer, false), query.groupBy?.length ?? 0);
    return { body, type: 'application/pdf' };
  }
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
