import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RequestContext } from './context';
import { csvRows } from './csv';
import { exportColumns, type ExportColumn } from './exportColumns';
import { lookUpNames, type NameBook } from './exportNames';
import { listRecords, type ListRequest, type RecordPage } from './read';
import type { ResolvedObject } from './resolved';

const batch = 1000;

/**
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (or a tab, carriage return or line
 * feed), also after leading blanks (spaces, no-break and zero-width spaces), and a program that splits
 * cells on ; , | or tabs (a semicolon locale) sees each piece as a cell of its own: every such start
 * gets a leading quote.
 */
const blank = String.raw`[\s\u200b-\u200d\u2060]`;
const formulaStart = new RegExp(String.raw`^(?:${blank}|[;,|])*[=+\-@]|^${blank}*[\t\r\n]`);
const formulaAfterSeparator = new RegExp(String.raw`([;,|\t]${blank}*)(?=[=+\-@])`, 'g');

// Text with none of these characters cannot start a formula anywhere: most cells, checked cheaply.
const formulaCharacter = /[=+\-@\t\r\n]/;

function neutral(text: string): string {
  if (!formulaCharacter.test(text)) return text;
  const pieces = text.replace(formulaAfterSeparator, "$1'");
  return formulaStart.test(text) ? `'${pieces}` : pieces;
}

/** A cell as text a spreadsheet will not run; lists and compound values are neutralised piece by piece. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(safeCell).join('; ');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .filter(Boolean)
      .map(safeCell)
      .join(', ');
  return neutral(String(value));
}

/** A page of an export, 1,000 records; the first is read before streaming, so a bad filter, sort or cursor is a 400. */
export const exportPage = (
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
  cursor?: string,
) => listRecords(ctx, object, { ...request, limit: batch, cursor, count: false });

/**
 * Every matching record, a page of 1,000 at a time, parsed, with the names the page refers to looked
 * up once: what any export format streams from. Starts from a page already read (`first`).
 */
export async function* recordPages(
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
  first: RecordPage,
): AsyncGenerator<{ records: Record<string, unknown>[]; names: NameBook }> {
  let page = first;
  for (;;) {
    // The next page is read while this one is turned into cells and sent.
    const next = page.nextCursor ? exportPage(ctx, object, request, page.nextCursor) : null;
    next?.catch(() => undefined);
    const records = page.records.map((json) => JSON.parse(json) as Record<string, unknown>);
    yield { records, names: await lookUpNames(ctx, object, records) };
    if (!next) return;
    page = await next;
  }
}

/** Every matching record as its cells, a page of rows at a time. */
async function* rowsOf(
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
  columns: ExportColumn[],
  first: RecordPage,
) {
  for await (const { records, names } of recordPages(ctx, object, request, first))
    yield records.map((record) => columns.map((c) => c.cell(record, names)));
}

/** A spreadsheet cell: numbers stay numbers (they cannot start a formula), the rest neutralised text. */
const sheetCell = (value: unknown) => (typeof value === 'number' ? value : safeCell(value));

/**
 * Streams every matching record, a page at a time, as CSV or XLSX; nothing holds the whole list.
 * The first page is read before streaming starts, so a bad filter, sort or cursor is a 400, not a cut stream.
 */
export async function exportRecords(
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
  format: 'csv' | 'xlsx',
): Promise<Readable> {
  const first = await exportPage(ctx, object, request);
  const columns = exportColumns(object, request);
  const labels = columns.map((c) => c.label);
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield '\uFEFF' + csvRows([labels]);
        for await (const page of rowsOf(ctx, object, request, columns, first))
          yield csvRows(page.map((row) => row.map(safeCell)));
      })(),
    );
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  void (async () => {
    const sheet = workbook.addWorksheet(object.declaration.labelPlural);
    sheet.addRow(labels).commit();
    for await (const page of rowsOf(ctx, object, request, columns, first))
      for (const row of page) sheet.addRow(row.map(sheetCell)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
