import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { zipBomb } from '../../../server/files/zipTesting';
import { importAndWait, postImport } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_MAX_BYTES: String(2 * 1024 * 1024) } });
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

const lastNames = async (filter: string) =>
  (await app.call('GET', `/api/v1/contacts?limit=500&sort=lastName${filter}`, { as: admin }))
    .json<{ data: { lastName: string; title: string | null }[] }>()
    .data.map((c) => c.lastName);
const importsCount = async () =>
  (await app.db.read((x) => x.execute('SELECT count(*)::int AS n FROM imports'))) as unknown as {
    rows: { n: number }[];
  };

describe('bad files', () => {
  it('rejects ragged rows one by one and imports the rest', async () => {
    const csv = ['Last name,Job', 'Even,Clerk', 'Longer,Clerk,extra', 'Shorter', 'Trailing,Clerk,'].join(
      '\n',
    );
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: { 'Last name': 'lastName', Job: 'title' },
    });
    expect(state.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 2 });
    expect(state.errors).toEqual([
      { row: 3, field: null, message: 'has 3 cells where the header has 2 columns' },
      { row: 4, field: null, message: 'has 1 cells where the header has 2 columns' },
    ]);
    expect(await lastNames('&filter[lastName][in]=Even,Longer,Shorter,Trailing')).toEqual([
      'Even',
      'Trailing',
    ]);
  });

  it('skips a million empty rows without writing for them', async () => {
    const empty = ',\n'.repeat(1_000_000);
    const csv = `Last name,Job\nBefore,x\n${empty}After,y\n${'\n'.repeat(1000)}`;
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: { 'Last name': 'lastName', Job: 'title' },
    });
    expect(state.status).toBe('done');
    expect(state.total).toBe(2);
    expect(state.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 0 });
    const logged = (await app.db.read((x) =>
      x.execute(`SELECT row FROM import_rows WHERE import_id = '${state.id}' ORDER BY row`),
    )) as unknown as { rows: { row: number }[] };
    expect(logged.rows.map((r) => r.row)).toEqual([2, 1_000_003]);
  });

  it('refuses a file of 10,000 columns before anything is stored', async () => {
    const before = (await importsCount()).rows[0].n;
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    const response = await postImport(app, admin, { file: `${header}\n${'x,'.repeat(9_999)}x\n` });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      detail: 'The file has 10000 columns; at most 500 can be imported',
      errors: [{ path: 'file', message: 'has 10000 columns; at most 500' }],
    });
    expect((await importsCount()).rows[0].n).toBe(before);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = `Last name\n${'Someone\n'.repeat(300_000)}`;
    const response = await postImport(app, admin, { file: big });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({
      detail: 'The file is larger than 2 MB, the most an import takes',
    });
  });

  it('refuses binary junk renamed .csv, and a zip that is no workbook', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const response = await postImport(app, admin, { file: junk, name: 'contacts.csv' });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ detail: 'This is not a CSV file' });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junk]);
    const notExcel = await postImport(app, admin, { file: zip, name: 'contacts.csv' });
    expect(notExcel.status).toBe(400);
    expect(notExcel.json()).toMatchObject({ detail: 'This is not an Excel (.xlsx) file' });
  });

  it('refuses a workbook that unpacks to far more than its size (a zip bomb) before reading it', async () => {
    const bomb = zipBomb(['[Content_Types].xml', 'xl/sharedStrings.xml'], 24);
    const before = await importsCount();
    const response = await postImport(app, admin, { file: bomb, name: 'contacts.xlsx' });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      detail: expect.stringMatching(
        /^The file unpacks to more than \d+ MB, far more than a real one of its size/,
      ),
      errors: [{ path: 'file', message: 'unpacks to far more than its size' }],
    });
    expect((await importsCount()).rows).toEqual(before.rows);
  });

  it('refuses a mapping to an unknown column or field, and bad options, naming each', async () => {
    const response = await postImport(app, admin, {
      file: 'Last name,Job\nX,Y',
      mapping: { Nope: 'lastName', Job: 'shoeSize', 'Last name': 'account.nope' },
    });
    expect(response.status).toBe(400);
    expect(response.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'mapping.Nope', message: 'no column of the file has this header' },
      { path: 'mapping.Job', message: '"shoeSize" is not a field an import can set' },
      { path: 'mapping.Last name', message: '"account.nope" is not a field an import can set' },
    ]);
    const badJson = await postImport(app, admin, { file: 'a\nb', object: 'contacts' }, '/api/v1/imports');
    expect(badJson.status).toBe(202);
    const unknownObject = await postImport(app, admin, { file: 'a\nb', object: 'spaceships' });
    expect(unknownObject.status).toBe(400);
  });

  it('reads UTF-16 and Windows-1252 files, with or without a byte-order mark, and semicolons', async () => {
    const text = 'Last name;Job\r\nMüller;Straße\r\nZoë;Café crème\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16NoBom = Buffer.from(text.replace(/Müller/, 'Nöbom').replace('Zoë', 'Zoé'), 'utf16le');
    const cp1252 = Buffer.from(text.replace('Müller', 'Große').replace('Zoë', 'Noël'), 'latin1');
    const bomUtf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(text.replace('Müller', 'Ünal').replace('Zoë', 'Øre')),
    ]);
    for (const file of [utf16, utf16NoBom, cp1252, bomUtf8]) {
      const state = await importAndWait(app, admin, {
        file,
        mapping: { 'Last name': 'lastName', Job: 'title' },
      });
      expect(state.counts.created).toBe(2);
    }
    const found = await lastNames('&filter[title][in]=Straße,Café crème');
    expect(found.sort()).toEqual(['Große', 'Müller', 'Noël', 'Nöbom', 'Zoé', 'Zoë', 'Ünal', 'Øre'].sort());
  });

  it('keeps quoted line breaks inside a cell', async () => {
    const csv = 'Last name,Notes\r\n"Multi","line one\r\nline two, with comma"\r\n';
    await importAndWait(app, admin, { file: csv, mapping: { 'Last name': 'lastName', Notes: 'notes' } });
    const [multi] = (
      await app.call('GET', '/api/v1/contacts?filter[lastName][eq]=Multi', { as: admin })
    ).json<{
      data: { notes: string }[];
    }>().data;
    expect(multi.notes).toBe('line one\r\nline two, with comma');
  });

  it("rejects a row that breaks an admin's validation rule, by row and field", async () => {
    const rule = await app.call('POST', '/api/v1/validation-rules', {
      as: admin,
      body: { object: 'accounts', field: 'industry', kind: 'required' },
    });
    expect(rule.status).toBe(201);
    const csv = ['Name,Industry', 'Good Co,Retail', 'Bad Co,'].join('\r\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      object: 'accounts',
      mapping: { Name: 'name', Industry: 'industry' },
    });
    expect(state.counts).toEqual({ created: 1, updated: 0, skipped: 0, rejected: 1 });
    expect(state.errors).toEqual([{ row: 3, field: 'industry', message: 'is required' }]);
  });
});
