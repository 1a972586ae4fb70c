import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ImportState } from '../contract';
import { finished, importAndWait, postImport } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '3' } });
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Contact = Record<string, unknown> & { id: string };
const contactsOf = async (filter = '') =>
  (await app.call('GET', `/api/v1/contacts?limit=500&sort=lastName,firstName${filter}`, { as: admin })).json<{
    data: Contact[];
  }>().data;
const names = { 'First name': 'firstName', 'Last name': 'lastName', Email: 'email' };

describe('importing contacts from CSV', () => {
  it('creates contacts and their accounts, finds accounts again, and rejects a bad row whole', async () => {
    const csv = [
      'First name,Last name,Email,Company,Birthday',
      'Ada,Lovelace,ada@analytical.example,Analytical Engines,10/12/1815',
      'Charles,Babbage,charles@analytical.example,analytical engines,26/12/1791',
      'Bad,Row,not-an-email,Other Co,01/01/2000',
      'Grace,Hopper,grace@navy.example,US Navy,',
    ].join('\r\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: { ...names, Company: 'account.name', Birthday: 'birthday' },
    });
    expect(state.status).toBe('done');
    expect(state.total).toBe(4);
    expect(state.processed).toBe(4);
    expect(state.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 1 });
    expect(state.errors).toEqual([{ row: 4, field: 'email', message: 'is not a valid email address' }]);
    const people = await contactsOf('&filter[email][contains]=.example');
    expect(people.map((p) => [p.lastName, p.birthday])).toEqual([
      ['Babbage', '1791-12-26'],
      ['Hopper', null],
      ['Lovelace', '1815-12-10'],
    ]);
    expect(people[0].accountId).toBe(people[2].accountId);
    const accounts = (await app.call('GET', '/api/v1/accounts?sort=name', { as: admin })).json<{
      data: { name: string }[];
    }>().data;
    // The refused row's company was not created either: a row is rejected whole.
    expect(accounts.map((a) => a.name)).toEqual(['Analytical Engines', 'US Navy']);
    const history = (await app.call('GET', `/api/v1/contacts/${people[0].id}/history`, { as: admin })).json<{
      data: { source: string }[];
    }>().data;
    expect(history.map((h) => h.source)).toEqual(['import']);
  });

  it('matches by email: updates, skips, and a repeated row updates the record the earlier row created', async () => {
    const csv = [
      'First name,Last name,Email,Job',
      'Ann,Original,ann@match.example,Engineer',
      'Ann,Again,ANN@match.example,Director',
      'Bob,Single,bob@match.example,',
    ].join('\n');
    const first = await importAndWait(app, admin, {
      file: csv,
      mapping: { ...names, Job: 'title' },
      match: { field: 'email', onMatch: 'update' },
    });
    expect(first.counts).toEqual({ created: 2, updated: 1, skipped: 0, rejected: 0 });
    const [ann] = await contactsOf('&filter[email][eq]=ann@match.example');
    expect([ann.lastName, ann.title]).toEqual(['Again', 'Director']);
    expect(await contactsOf('&filter[email][eq]=ann@match.example')).toHaveLength(1);

    const again = await importAndWait(app, admin, {
      file: csv,
      mapping: names,
      match: { field: 'email', onMatch: 'skip' },
    });
    expect(again.counts).toEqual({ created: 0, updated: 0, skipped: 3, rejected: 0 });
  });

  it('a dry run over the whole file counts what would happen and writes nothing', async () => {
    const csv = [
      'First name,Last name,Email',
      'Dry,One,dry1@dry.example',
      'Dry,Two,dry2@dry.example',
      'Dry,One again,DRY1@dry.example',
      'Dry,Bad,nope',
      'Ann,Existing,ann@match.example',
    ].join('\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: names,
      match: { field: 'email', onMatch: 'skip' },
      dryRun: true,
    });
    expect(state.dryRun).toBe(true);
    expect(state.counts).toEqual({ created: 2, updated: 0, skipped: 2, rejected: 1 });
    expect(state.errors).toEqual([{ row: 5, field: 'email', message: 'is not a valid email address' }]);
    expect(await contactsOf('&filter[email][contains]=dry.example')).toEqual([]);
    const undo = await app.call('POST', `/api/v1/imports/${state.id}/undo`, { as: admin });
    expect(undo.status).toBe(409);
  });

  it('undo puts created records in the recycle bin and gives updated fields their old values back', async () => {
    await app.call('POST', '/api/v1/contacts', {
      as: admin,
      body: { firstName: 'Una', lastName: 'Before', email: 'una@undo.example', title: 'Analyst' },
    });
    const csv = [
      'Email,Last name,Job,Company',
      'una@undo.example,After,Chief,Undo Co',
      'new@undo.example,New,,Undo Co',
    ].join('\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: { Email: 'email', 'Last name': 'lastName', Job: 'title', Company: 'account.name' },
      match: { field: 'email', onMatch: 'update' },
    });
    expect(state.counts).toEqual({ created: 1, updated: 1, skipped: 0, rejected: 0 });
    const undone = await app.call('POST', `/api/v1/imports/${state.id}/undo`, { as: admin });
    expect(undone.json<ImportState>().status).toBe('undone');
    const left = await contactsOf('&filter[email][contains]=undo.example');
    expect(left.map((c) => [c.lastName, c.title, c.accountId])).toEqual([['Before', 'Analyst', null]]);
    const accounts = (
      await app.call('GET', '/api/v1/accounts?filter[name][eq]=Undo Co', { as: admin })
    ).json<{
      data: unknown[];
    }>().data;
    expect(accounts).toEqual([]);
    expect((await app.call('POST', `/api/v1/imports/${state.id}/undo`, { as: admin })).status).toBe(409);
  });

  it('lets only the importer or an admin undo an import, and a viewer import nothing', async () => {
    const rep = await app.addUser(admin, 'rep');
    const state = await importAndWait(app, admin, {
      file: 'Last name\nOwnedByAdmin',
      mapping: { 'Last name': 'lastName' },
    });
    const refused = await app.call('POST', `/api/v1/imports/${state.id}/undo`, { as: rep.cookie });
    expect(refused.status).toBe(403);
    expect(await contactsOf('&filter[lastName][eq]=OwnedByAdmin')).toHaveLength(1);
    const viewer = await app.addUser(admin, 'viewer');
    const started = await postImport(app, viewer.cookie, {
      file: 'Last name\nByViewer',
      mapping: { 'Last name': 'lastName' },
    });
    expect(started.status).toBe(403);
  });

  it('stores formulas and HTML as text, and the downloaded log neutralises them', async () => {
    const csv = [
      'First name,Last name,Email,Job',
      'Eve,"=HYPERLINK(""http://x"")",eve@formula.example,<b>boss</b><script>alert(1)</script>',
      '+cmd,Plus,not-an-email,x',
    ].join('\n');
    const state = await importAndWait(app, admin, { file: csv, mapping: { ...names, Job: 'title' } });
    expect(state.counts.created).toBe(1);
    const [eve] = await contactsOf('&filter[email][eq]=eve@formula.example');
    expect([eve.lastName, eve.title]).toEqual([
      '=HYPERLINK("http://x")',
      '<b>boss</b><script>alert(1)</script>',
    ]);
    const log = await app.call('GET', `/api/v1/imports/${state.id}/log`, { as: admin });
    expect(log.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(log.body.trim().split('\n')).toEqual([
      'row,outcome,recordId,errors,note,dealId,possibleDuplicateOf',
      `2,created,${eve.id},,,,`,
      '3,rejected,,email: is not a valid email address,,,',
    ]);
  });

  it('reads dates in five formats, deciding day or month first per column from its values', async () => {
    const csv = [
      'Last name,Day first,Month first',
      'Iso,2026-03-03,2026-03-03',
      'Slash,25/12/2025,12/25/2025',
      'Words,3 Mar 2026,"March 4, 2026"',
      'Serial,46084,46085',
      'Short,05/06/2026,05/06/2026',
    ].join('\n');
    await app.call('POST', '/api/v1/metadata/objects/contacts/fields', {
      as: admin,
      body: { name: 'metOn', label: 'Met on', type: 'date' },
    });
    const state = await importAndWait(app, admin, {
      file: csv,
      mapping: { 'Last name': 'lastName', 'Day first': 'birthday', 'Month first': 'metOn' },
    });
    expect(state.counts.created).toBe(5);
    const people = await contactsOf('&filter[lastName][in]=Iso,Slash,Words,Serial,Short');
    expect(Object.fromEntries(people.map((p) => [p.lastName, [p.birthday, p.metOn]]))).toEqual({
      Iso: ['2026-03-03', '2026-03-03'],
      Slash: ['2025-12-25', '2025-12-25'],
      Words: ['2026-03-03', '2026-03-04'],
      Serial: ['2026-03-03', '2026-03-04'],
      Short: ['2026-06-05', '2026-05-06'],
    });
  });

  it('cancels a queued import before it writes anything', async () => {
    await app.platform.jobs.stop();
    const started = await postImport(app, admin, {
      file: 'Last name\nQueued',
      mapping: { 'Last name': 'lastName' },
    });
    const id = started.json<{ id: string }>().id;
    const cancelled = await app.call('POST', `/api/v1/imports/${id}/cancel`, { as: admin });
    expect(cancelled.json<ImportState>().status).toBe('cancelled');
    await app.platform.jobs.start();
    expect((await finished(app, admin, id)).counts.created).toBe(0);
    expect(await contactsOf('&filter[lastName][eq]=Queued')).toEqual([]);
    expect((await app.call('POST', `/api/v1/imports/${id}/cancel`, { as: admin })).status).toBe(409);
  });
});
