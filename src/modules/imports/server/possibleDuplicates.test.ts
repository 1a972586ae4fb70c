import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Row = Record<string, unknown> & { id: string };
const list = async (path: string) =>
  (await app.call('GET', path, { as: admin })).json<{ data: Row[] }>().data;
const mapping = { First: 'firstName', Last: 'lastName', Email: 'email', Company: 'account.name' };

describe('likely duplicates among the records an import creates', () => {
  it('flags rows alike an existing record or an earlier row, logs them and queues the pairs for review', async () => {
    const account = (
      await app.call('POST', '/api/v1/accounts', { as: admin, body: { name: 'Northwind' } })
    ).json<Row>();
    const katherine = (
      await app.call('POST', '/api/v1/contacts', {
        as: admin,
        body: {
          firstName: 'Katherine',
          lastName: 'Johnson',
          email: 'kj@northwind.example',
          accountId: account.id,
        },
      })
    ).json<Row>();
    const csv = [
      'First,Last,Email,Company',
      // Another address, a name alike, the same account: matching by email does not catch it.
      'Katharine,Johnson,katherine.johnson@mail.example,Northwind',
      'Dorothy,Vaughan,dorothy@langley.example,Langley',
      'Mary,Jackson,mary@langley.example,Langley',
      // Alike an earlier row of the same file (in another batch), same account.
      'Dorothy,Vaughn,dvaughan@langley.example,Langley',
      // Alike by name only, at another company: not a likely duplicate.
      'Mary,Jackson,mary.jackson@elsewhere.example,Elsewhere',
    ].join('\n');
    // A dry run rolls each batch back: it sees look-alikes among existing records and its own batch only.
    const dry = await importAndWait(app, admin, {
      file: csv,
      mapping,
      match: { field: 'email', onMatch: 'update' },
      dryRun: true,
    });
    expect([dry.counts, dry.errors, dry.possibleDuplicates]).toEqual([
      { created: 5, updated: 0, skipped: 0, rejected: 0 },
      [],
      1,
    ]);
    expect(await list('/api/v1/duplicates?object=contacts')).toEqual([]);

    const state = await importAndWait(app, admin, {
      file: csv,
      mapping,
      match: { field: 'email', onMatch: 'update' },
    });
    expect(state.counts).toEqual({ created: 5, updated: 0, skipped: 0, rejected: 0 });
    expect(state.possibleDuplicates).toBe(2);
    const byEmail = new Map(
      (await list('/api/v1/contacts?limit=50&filter[email][contains]=.example')).map((c) => [c.email, c]),
    );
    const katharine = byEmail.get('katherine.johnson@mail.example')!;
    const dorothy = byEmail.get('dorothy@langley.example')!;
    const vaughn = byEmail.get('dvaughan@langley.example')!;
    const log = (await app.call('GET', `/api/v1/imports/${state.id}/log`, { as: admin })).body
      .trim()
      .split('\n');
    expect(log.slice(1)).toEqual([
      `2,created,${katharine.id},,possible duplicate of Katherine Johnson (${katherine.id}),,${katherine.id}`,
      `3,created,${dorothy.id},,,,`,
      `4,created,${byEmail.get('mary@langley.example')!.id},,,,`,
      `5,created,${vaughn.id},,possible duplicate of Dorothy Vaughan (${dorothy.id}),,${dorothy.id}`,
      `6,created,${byEmail.get('mary.jackson@elsewhere.example')!.id},,,,`,
    ]);
    const queue = (await app.call('GET', '/api/v1/duplicates?object=contacts', { as: admin })).json<{
      data: { recordIds: string[]; reasons: string[] }[];
    }>().data;
    expect(
      queue
        .map((p) => [[...p.recordIds].sort(), p.reasons])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        [[katherine.id, katharine.id].sort(), ['similar name', 'same account']],
        [[dorothy.id, vaughn.id].sort(), ['similar name', 'same email domain', 'same account']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // The pair is merged from the queue as any other.
    const merged = await app.call('POST', '/api/v1/contacts/merge', {
      as: admin,
      body: { survivorId: katherine.id, mergedIds: [katharine.id] },
    });
    expect(merged.status).toBe(200);
  });
});
