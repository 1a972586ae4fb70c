import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RequestContext } from './context';
import { listRecords, type ListRequest, type RecordPage } from './read';
import type { ResolvedObject } from './resolved';

const batch = 1000;

/**
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (or a tab or carriage return),
 * also after leading spaces, and a program that splits cells on ; , | or tabs (a semicolon locale)
 * sees each piece as a cell of its own: every such start gets a leading quote.
 */
const formulaStart = /^[\s;,|]*[=+\-@]|^[\t\r]/;
const formulaAfterSeparator = /([;,|\t]\s*)(?=[=+\-@])/g;

function neutral(text: string): string {
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

function columnsOf(object: ResolvedObject, request: ListRequest): string[] {
  const all = [...object.fields.values()].filter((f) => !f.retired).map((f) => f.name);
  return request.fields?.length ? ['id', ...request.fields.filter((f) => f !== 'id')] : all;
}

const pageOf = (ctx: RequestContext, object: ResolvedObject, request: ListRequest, cursor?: string) =>
  listRecords(ctx, object, { ...request, limit: batch, cursor, count: false });

async function* recordsOf(
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
  first: RecordPage,
) {
  let page = first;
  for (;;) {
    for (const json of page.records) yield JSON.parse(json) as Record<string, unknown>;
    if (!page.nextCursor) return;
    page = await pageOf(ctx, object, request, page.nextCursor);
  }
}

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
  const first = await pageOf(ctx, object, request);
  const columns = columnsOf(object, request);
  const labels = columns.map((c) => object.fields.get(c)?.spec.label ?? c);
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield '\uFEFF' + stringify([labels]);
        for await (const record of recordsOf(ctx, object, request, first))
          yield stringify([columns.map((c) => safeCell(record[c]))]);
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
    for await (const record of recordsOf(ctx, object, request, first))
      sheet.addRow(columns.map((c) => safeCell(record[c]))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
