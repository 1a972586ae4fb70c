import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { runImportCommand, type ImportCommand } from './importCommand';

/** `rapport import` against a real server on loopback, through the public API with an API key. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;
let url: string;
let apiKey: string;
const dir = mkdtempSync(join(tmpdir(), 'rapport-import-cli-'));

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  url = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  admin = await app.signup('Command Line Co');
  const key = await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'cli' } });
  apiKey = key.json<{ token: string }>().token;
});
afterAll(() => app.close());

function file(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(options: Partial<ImportCommand>) {
  const lines: string[] = [];
  const code = await runImportCommand(
    { file: '', object: 'contacts', dryRun: false, preview: false, url, apiKey, pollMs: 50, ...options },
    (line) => lines.push(line),
  ).catch((error: Error) => {
    lines.push(error.message);
    return -1;
  });
  return { code, output: lines.join('\n') };
}

async function contactsNamed(lastName: string) {
  const page = await app.call('GET', `/api/v1/contacts?filter[lastName][eq]=${lastName}`, {
    as: admin.cookie,
  });
  return page.json<{ data: { email: string }[] }>().data;
}

const people = file(
  'people.csv',
  'First name;Last name;E-mail\nAda;Cliford;ada@cli.example\nBob;Cliford;not-an-email\nCy;Cliford;cy@cli.example\n',
);

describe('rapport import', () => {
  it('previews the suggested mapping and the first rows with their errors, writing nothing', async () => {
    const { code, output } = await run({ file: people, preview: true });
    expect(code).toBe(0);
    expect(output).toContain('E-mail → email');
    expect(output).toMatch(/✗ email: /);
    expect(await contactsNamed('Cliford')).toEqual([]);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { code, output } = await run({ file: people, dryRun: true });
    expect(code).toBe(2);
    expect(output).toContain('2 would be created, 0 updated, 0 skipped, 1 rejected');
    expect(await contactsNamed('Cliford')).toEqual([]);
  });

  it('imports with a mapping file, answers 2 for rejected rows and writes the outcome of every row', async () => {
    const mapping = file(
      'map.json',
      JSON.stringify({ 'First name': 'firstName', 'Last name': 'lastName', 'E-mail': 'email' }),
    );
    const log = join(dir, 'outcome.csv');
    const { code, output } = await run({ file: people, mappingFile: mapping, errorsFile: log });
    expect(code).toBe(2);
    expect(output).toContain('Done. 3 rows: 2 were created, 0 updated, 0 skipped, 1 rejected');
    expect(output, output).toMatch(/row 3, email: is not a valid email/);
    expect((await contactsNamed('Cliford')).map((c) => c.email).sort()).toEqual([
      'ada@cli.example',
      'cy@cli.example',
    ]);
    expect(readFileSync(log, 'utf8').split('\n').length).toBeGreaterThanOrEqual(4);
  });

  it('matches existing records and answers 0 when every row went in', async () => {
    const again = file('again.csv', 'First name,Last name,E-mail\nAdaline,Cliford,ADA@cli.example\n');
    const { code, output } = await run({ file: again, match: 'email:update' });
    expect(code).toBe(0);
    expect(output).toContain('0 were created, 1 updated');
  });

  it('says what is wrong, in words, for every bad input', async () => {
    const cases: [Partial<ImportCommand>, RegExp][] = [
      [{ file: people, apiKey: '' }, /Set RAPPORT_API_KEY/],
      [{ file: people, apiKey: 'rk_wrong' }, /401/],
      [{ file: join(dir, 'missing.csv') }, /Cannot read .*missing\.csv/],
      [{ file: people, mappingFile: file('bad.json', '["email"]') }, /must be a JSON object/],
      [{ file: people, mappingFile: file('broken.json', '{') }, /Cannot read the mapping/],
      [{ file: people, match: 'email:merge' }, /--match is FIELD:skip\|update\|create/],
      [{ file: people, savedMapping: 'Nope' }, /No saved mapping "Nope"/],
      [{ file: people, object: 'unicorns' }, /400|404/],
      [{ file: people, url: 'http://127.0.0.1:9' }, /Cannot reach Rapport at http:\/\/127\.0\.0\.1:9/],
    ];
    for (const [options, message] of cases) {
      const { code, output } = await run(options);
      expect(code, output).toBe(-1);
      expect(output).toMatch(message);
    }
  });
});
