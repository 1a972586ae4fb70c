import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RequestContext } from './context';
import { listRecords, type ListRequest } from './read';
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

async function* recordsOf(ctx: RequestContext, object: ResolvedObject, request: ListRequest) {
  let cursor: string | undefined;
  do {
    const page = await listRecords(ctx, object, { ...request, limit: batch, cursor, count: false });
    for (const json of page.records) yield JSON.parse(json) as Record<string, unknown>;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Streams every matching record, a page at a time, as CSV or XLSX; nothing holds the whole list. */
export function exportRecords(
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
  format: 'csv' | 'xlsx',
): Readable {
  const columns = columnsOf(object, request);
  const labels = columns.map((c) => object.fields.get(c)?.spec.label ?? c);
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield '\uFEFF' + stringify([labels]);
        for await (const record of recordsOf(ctx, object, request))
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
    for await (const record of recordsOf(ctx, object, request))
      sheet.addRow(columns.map((c) => safeCell(record[c]))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
