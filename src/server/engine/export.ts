import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RequestContext } from './context';
import { listRecords, type ListRequest, type RecordPage } from './read';
import type { ResolvedObject } from './resolved';

const batch = 1000;

/** A cell as text a spreadsheet will not run: values starting with = + - @ or a control character get a leading quote. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (Array.isArray(value)) text = value.join('; ');
  else if (typeof value === 'object')
    text = Object.values(value as Record<string, unknown>)
      .filter(Boolean)
      .join(', ');
  else text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
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
