import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { phoneOf } from './davTesting';

/**
 * A real CardDAV client, Debian's vdirsyncer, syncing a user's books to a folder of .vcf files and
 * back, over HTTP on loopback. Skipped on a machine without it, never in CI (which installs it).
 */
const vdirsyncer = '/usr/bin/vdirsyncer';
const withClient = existsSync(vdirsyncer) || process.env.CI === 'true';
const run = promisify(execFile);

let app: TestApp;
let admin: { cookie: string; email: string };
let dir: string;

/** Runs vdirsyncer with its configuration, answering its questions (discover asks before making folders). */
async function vdir(args: string[], answers = '') {
  const running = run(vdirsyncer, ['-c', join(dir, 'config'), ...args], {
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    timeout: 60_000,
  });
  running.child.stdin?.end(answers);
  const { stdout, stderr } = await running;
  return stdout + stderr;
}

const cardsIn = (book: string) =>
  readdirSync(join(dir, 'cards', book)).map((f) => join(dir, 'cards', book, f));

describe.skipIf(!withClient)('vdirsyncer, a real CardDAV client', () => {
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.signup();
    for (const [firstName, lastName, email] of [
      ['Ada', 'Lovelace', 'ada@engines.example'],
      ['Grace', 'Hopper', 'grace@navy.example'],
    ])
      await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body: { firstName, lastName, email } });
    const phone = await phoneOf(app, admin);
    const address = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    dir = mkdtempSync(join(tmpdir(), 'rapport-vdirsyncer-'));
    writeFileSync(
      join(dir, 'config'),
      `[general]
status_path = "${dir}/status/"

[pair phone]
a = "cards"
b = "rapport"
collections = ["from b"]
conflict_resolution = "b wins"

[storage cards]
type = "filesystem"
path = "${dir}/cards/"
fileext = ".vcf"

[storage rapport]
type = "carddav"
url = "${address}/"
username = "${admin.email}"
password = "${phone.token}"
`,
    );
  });
  afterAll(async () => {
    await app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the books from the server address alone and brings every card', async () => {
    expect(await vdir(['discover', 'phone'], 'y\n')).toContain('"mine" ("My contacts")');
    await vdir(['sync', 'phone/mine']);
    const cards = cardsIn('mine').map((f) => readFileSync(f, 'utf8'));
    expect(cards).toHaveLength(2);
    expect(cards.join('\n')).toContain('FN:Ada Lovelace');
    expect(cards.join('\n')).toContain('EMAIL;TYPE=INTERNET,PREF:grace@navy.example');
  });

  it("sends the server's edits and deletions, and the phone's edits once two-way is on", async () => {
    const [grace] = (
      await app.call('GET', '/api/v1/contacts?filter[lastName][eq]=Hopper', { as: admin.cookie })
    ).json<{ data: { id: string; version: number }[] }>().data;
    await app.call('PATCH', `/api/v1/contacts/${grace.id}`, {
      as: admin.cookie,
      body: { title: 'Rear Admiral' },
      headers: { 'if-match': `"${grace.version}"` },
    });
    await vdir(['sync', 'phone/mine']);
    const card = cardsIn('mine').find((f) => readFileSync(f, 'utf8').includes('Hopper')) as string;
    expect(readFileSync(card, 'utf8')).toContain('TITLE:Rear Admiral');

    await app.call('PATCH', '/api/v1/addressbook/settings', { as: admin.cookie, body: { twoWay: true } });
    writeFileSync(card, readFileSync(card, 'utf8').replace('TITLE:Rear Admiral', 'TITLE:Commodore'));
    await vdir(['sync', 'phone/mine']);
    const now = await app.call('GET', `/api/v1/contacts/${grace.id}`, { as: admin.cookie });
    expect(now.json()).toMatchObject({ title: 'Commodore' });
    const history = await app.call('GET', `/api/v1/contacts/${grace.id}/history?limit=1`, {
      as: admin.cookie,
    });
    expect(history.json<{ data: unknown[] }>().data[0]).toMatchObject({
      source: 'contactSync',
      changes: [{ field: 'title', from: 'Rear Admiral', to: 'Commodore' }],
    });

    await app.call('DELETE', `/api/v1/contacts/${grace.id}`, { as: admin.cookie });
    await vdir(['sync', 'phone/mine']);
    const left = cardsIn('mine').map((f) => readFileSync(f, 'utf8'));
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('FN:Ada Lovelace');
  });
});
