import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ValidationFailed } from '../../../common/errors';
import { checkZipInflation, ZipTooInflated, type InflationLimit } from '../../../server/files/zipReader';
import { assertText, sniffDelimiter, sniffEncoding, type TextEncoding } from './sniff';
import { vcardColumns, vcardRows } from './vcard';

/** One row of a file: its number as a spreadsheet would show it (the header is row 1), and its cells as text. */
export interface SourceRow {
  row: number;
  cells: string[];
  /** something about the row that was not imported (a vCard's photo given by link) */
  note?: string;
  /** a vCard's photo, checked, to keep with the contact */
  photo?: { bytes: Buffer; contentType: string };
}

export type FileFormat = 'csv' | 'xlsx' | 'vcard';

/** A stored upload, opened: its headers, read once, and its rows, read again from the disk each time. */
export interface ImportSource {
  format: FileFormat;
  headers: string[];
  rows(): AsyncIterable<SourceRow>;
}

export interface SourceLimits {
  maxColumns: number;
}

const sampleBytes = 64 * 1024;
// One record may not be larger than this: a file with no line breaks is not read whole into memory.
const maxRecordBytes = 4 * 1024 * 1024;

async function sampleOf(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await file.read(buffer, 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function decoder(encoding: TextEncoding): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

/** The decoded text of a stored file, streamed. */
export function textStream(path: string, encoding: TextEncoding) {
  return createReadStream(path).pipe(decoder(encoding));
}

/** Opens a stored upload; a file that is not what it claims, or too wide, is refused here with its reason. */
export async function openSource(
  path: string,
  fileName: string,
  limits: SourceLimits,
): Promise<ImportSource> {
  const sample = await sampleOf(path);
  const isZip = sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
  if (isZip || /\.xlsx$/i.test(fileName)) {
    if (!isZip) throw notA('an Excel (.xlsx)');
    return xlsxSource(path, limits);
  }
  const encoding = sniffEncoding(sample);
  const text = new TextDecoder(encoding).decode(sample);
  const isVcard = /^\s*BEGIN:VCARD/i.test(text) || /\.vcf$/i.test(fileName);
  assertText(text, isVcard ? 'vCard' : 'CSV');
  if (isVcard) {
    if (!/^\s*BEGIN:VCARD/i.test(text)) throw notA('a vCard');
    return { format: 'vcard', headers: vcardColumns, rows: () => vcardRows(textStream(path, encoding)) };
  }
  return csvSource(path, encoding, sniffDelimiter(text), limits);
}

const notA = (kind: string) =>
  new ValidationFailed(`This is not ${kind} file`, [{ path: 'file', message: `is not ${kind} file` }]);

function tooWide(columns: number, limits: SourceLimits) {
  return new ValidationFailed(
    `The file has ${columns} columns; at most ${limits.maxColumns} can be imported`,
    [{ path: 'file', message: `has ${columns} columns; at most ${limits.maxColumns}` }],
  );
}

function csvRecords(path: string, encoding: TextEncoding, delimiter: string) {
  return textStream(path, encoding).pipe(
    parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: maxRecordBytes,
    }),
  ) as AsyncIterable<string[]>;
}

async function csvSource(
  path: string,
  encoding: TextEncoding,
  delimiter: string,
  limits: SourceLimits,
): Promise<ImportSource> {
  let headers: string[] = [];
  for await (const record of csvRecords(path, encoding, delimiter)) {
    headers = record.map((h) => h.trim());
    break;
  }
  if (headers.length > limits.maxColumns) throw tooWide(headers.length, limits);
  return {
    format: 'csv',
    headers,
    async *rows() {
      let row = 0;
      for await (const cells of csvRecords(path, encoding, delimiter)) {
        row++;
        if (row > 1) yield { row, cells };
      }
    },
  };
}

/** A cell of a sheet as the text a user sees in it: a formula's last result, a link's text, a date as ISO. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  return '';
}

const rowOf = (row: ExcelJS.Row) => {
  const values = Array.isArray(row.values) ? row.values.slice(1) : [];
  return { row: row.number, cells: Array.from(values, (v) => cellText(v as ExcelJS.CellValue)) };
};

/**
 * The streaming reader loses a workbook now and then (its unzipping misses an entry for some byte
 * layouts, seen as "reading 'sheets'" of an unread workbook.xml): a workbook it fails on before its first
 * row is read whole instead, up to this size, and refused beyond it.
 */
const wholeReadMaxBytes = 64 * 1024 * 1024;

async function* sheetRows(path: string): AsyncGenerator<{ row: number; cells: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let read = 0;
  try {
    // The first sheet only: a workbook's other sheets are notes and lookups, not records.
    for await (const sheet of reader) {
      for await (const row of sheet) {
        read++;
        yield rowOf(row);
      }
      return;
    }
  } catch (error) {
    if (read > 0 || (await stat(path)).size > wholeReadMaxBytes) throw error;
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const [first] = book.worksheets;
  const rows: ExcelJS.Row[] = [];
  first?.eachRow({ includeEmpty: false }, (row) => rows.push(row));
  for (const row of rows) yield rowOf(row);
}

/**
 * A sheet's XML packs 10 to 30 times smaller, a very repetitive one up to about 100: a workbook that
 * unpacks to more than 200 times its size (or 2 GB) is a zip bomb, refused before the reader holds it.
 */
const workbookInflation: InflationLimit = {
  ratio: 200,
  floorBytes: 32 * 1024 * 1024,
  maxBytes: 2 * 1024 ** 3,
};

async function xlsxSource(path: string, limits: SourceLimits): Promise<ImportSource> {
  let headers: string[] | null = null;
  let headerRow = 0;
  try {
    await checkZipInflation(path, workbookInflation);
  } catch (error) {
    if (error instanceof ZipTooInflated)
      throw new ValidationFailed(error.message, [
        { path: 'file', message: 'unpacks to far more than its size' },
      ]);
    throw notA('an Excel (.xlsx)');
  }
  try {
    for await (const { row, cells } of sheetRows(path)) {
      if (cells.every((c) => c.trim() === '')) continue;
      headers = cells.map((h) => h.trim());
      headerRow = row;
      break;
    }
  } catch {
    throw notA('an Excel (.xlsx)');
  }
  if (!headers) throw new ValidationFailed('The sheet is empty', [{ path: 'file', message: 'has no rows' }]);
  if (headers.length > limits.maxColumns) throw tooWide(headers.length, limits);
  return {
    format: 'xlsx',
    headers,
    async *rows() {
      for await (const r of sheetRows(path)) if (r.row > headerRow) yield r;
    },
  };
}
