import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

describe('provenance of imported values', () => {
  it('names the import file and row a field value came from, and the person who typed the others', async () => {
    const typed = await app.call('POST', '/api/v1/contacts', {
      as: admin,
      body: { firstName: 'Prov', lastName: 'Enance', email: 'prov@enance.example', title: 'Typed' },
    });
    const id = typed.json<{ id: string }>().id;
    const csv = [
      'Email,Job,Surname',
      'other@enance.example,Elsewhere,Other',
      'prov@enance.example,Imported,Enance',
    ].join('\n');
    const state = await importAndWait(app, admin, {
      file: csv,
      name: 'titles.csv',
      mapping: { Email: 'email', Job: 'title', Surname: 'lastName' },
      match: { field: 'email', onMatch: 'update' },
    });
    expect(state.counts).toEqual({ created: 1, updated: 1, skipped: 0, rejected: 0 });
    const provenance = (await app.call('GET', `/api/v1/contacts/${id}/provenance`, { as: admin })).json<{
      data: { field: string; source: string; actor: { name: string }; import?: unknown }[];
    }>().data;
    const of = (field: string) => provenance.find((p) => p.field === field);
    expect(of('title')).toMatchObject({
      source: 'import',
      import: { id: expect.any(String), fileName: 'titles.csv', row: 3 },
    });
    expect(of('firstName')).toMatchObject({ source: 'app' });
    expect(of('firstName')?.import).toBeUndefined();
    const history = (await app.call('GET', `/api/v1/contacts/${id}/history`, { as: admin })).json<{
      data: { source: string; sourceRef: string | null }[];
    }>().data;
    expect(history.map((h) => [h.source, h.sourceRef?.split('/')[0] ?? null])).toEqual([
      ['import', 'imports'],
      ['app', null],
    ]);
  });
});
