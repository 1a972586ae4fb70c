import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../testing';
import { safeCell } from './export';

/**
 * Issue 13, item 2: no exported cell can start a formula. A cell starts one when its first character,
 * or its first after leading blanks, is = + - @ tab, carriage return or line feed; each piece after a
 * ; , | or tab (what a semicolon locale splits into cells) must not start with = + - @ either.
 */
const blank = String.raw`[\s\u200b-\u200d\u2060]`;
const startsFormula = new RegExp(String.raw`^${blank}*[=+\-@\t\r\n]`);
const pieceStartsFormula = new RegExp(String.raw`^${blank}*[=+\-@]`);

function runnable(cell: string): boolean {
  const [first, ...pieces] = cell.split(/[;,|\t]/);
  return startsFormula.test(first) || pieces.some((p) => pieceStartsFormula.test(p));
}

/** Text made mostly of what starts formulas, blanks and separators, with ordinary text between. */
const risky = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      ' ',
      '\u00a0',
      '\u200b',
      '\ufeff',
      ';',
      ',',
      '|',
      "'",
      '"',
      'a',
      '1',
      'SUM(A1)',
    ),
    maxLength: 12,
  }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

describe('safeCell over random values', () => {
  it('never leaves a cell or a piece of one that starts a formula', () => {
    fc.assert(
      fc.property(risky, (value) => {
        expect(runnable(safeCell(value))).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('only adds quotes, so nothing of the value is lost', () => {
    fc.assert(
      fc.property(risky, (value) => {
        expect(safeCell(value).replaceAll("'", '')).toBe(value.replaceAll("'", ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves text that cannot start a formula as it is', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 .'"]*$/), (value) => {
        expect(safeCell(value)).toBe(value);
      }),
    );
  });

  it.each([
    ['\nfoo', "'\nfoo"],
    ['\n=1+1', "'\n=1+1"],
    [' \tfoo', "' \tfoo"],
    ['  \r=1', "'  \r=1"],
    ['\u200b=1', "'\u200b=1"],
    ['a;\n=1', "a;\n'=1"],
  ])('neutralises %j as %j', (value, expected) => expect(safeCell(value)).toBe(expected));
});

describe('list export of random values', () => {
  let app: TestApp;
  let cookie: string;
  beforeAll(async () => {
    app = await createTestApp();
    ({ cookie } = await app.signup('Formula Co'));
  });
  afterAll(() => app.close());

  const download = async (run: number, format: 'csv' | 'xlsx') => {
    const response = await app.fastify.inject({
      method: 'GET',
      url: `/api/v1/accounts/export?format=${format}&fields=name,tags,billingAddress&filter[sicCode][eq]=${run}`,
      headers: { cookie: `rapport_session=${cookie}` },
    });
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  };

  const csvCells = (file: Buffer) =>
    (parse(file.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][]).flat();

  async function sheetCells(file: Buffer) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        cells.push(cell.value);
      }),
    );
    return cells;
  }

  it('writes no CSV or XLSX cell that starts a formula', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: risky, tag: risky, city: risky }), { minLength: 1, maxLength: 15 }),
        async (accounts) => {
          run += 1;
          const created = await app.call('POST', '/api/v1/accounts/bulk', {
            as: cookie,
            body: {
              create: accounts.map((a) => ({
                name: `${a.name}x`,
                tags: [`${a.tag}x`],
                billingAddress: { city: a.city },
                sicCode: String(run),
              })),
            },
          });
          expect(created.status, created.body).toBe(200);
          const csv = csvCells(await download(run, 'csv'));
          expect(csv.length).toBe((accounts.length + 1) * 8);
          for (const cell of csv) expect(runnable(cell), JSON.stringify(cell)).toBe(false);
          const sheet = await sheetCells(await download(run, 'xlsx'));
          expect(sheet.length).toBeGreaterThanOrEqual(8 + 3 * accounts.length);
          for (const cell of sheet)
            if (typeof cell === 'string') expect(runnable(cell), JSON.stringify(cell)).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });
});
