import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ImportState } from '../contract';
import { finished, postImport } from './importing';

/** Issue 13: an import's report counts the values refused as invalid, column by column. */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  admin = (await app.signup('Counting Co')).cookie;
});
afterAll(() => app.close());

const csv = [
  'First,Last,E-mail,Born,Company,Company domain',
  'Ada,Lovelace,ada@engines.example,10/12/1815,Engines,engines.example',
  'Bad,Mail,not-an-email,01/01/2000,,',
  'Worse,Mail,also@bad@example,,,',
  'Late,Date,late@dates.example,31/02/2000,,',
  ',,nameless@engines.example,,,',
  'Ragged,Row,ragged@engines.example,01/01/2000,,,extra',
  'Grace,Hopper,grace@navy.example,someday,,',
  'Dom,Ain,dom@domains.example,,Domain Co,not a domain',
].join('\n');
const mapping = {
  First: 'firstName',
  Last: 'lastName',
  'E-mail': 'email',
  Born: 'birthday',
  Company: 'account.name',
  'Company domain': 'account.domain',
};

describe('invalid values per column', () => {
  it('are counted once the import is over, with the column each field came from', async () => {
    const started = await postImport(app, admin, { file: csv, mapping });
    expect(started.status).toBe(202);
    const { id } = started.json<{ id: string }>();
    // The queue is not started yet: a queued import has no count to show.
    const queued = (await app.call('GET', `/api/v1/imports/${id}`, { as: admin })).json<ImportState>();
    expect(queued).toMatchObject({ status: 'queued', invalidValues: null });

    await app.platform.jobs.start();
    const state = await finished(app, admin, id);
    expect(state.counts).toEqual({ created: 1, updated: 0, skipped: 0, rejected: 7 });
    // The ragged row is refused as a row, not for a value of a column.
    expect(state.invalidValues).toEqual([
      { field: 'birthday', column: 'Born', count: 2 },
      { field: 'email', column: 'E-mail', count: 2 },
      { field: 'account.domain', column: 'Company domain', count: 1 },
      { field: 'lastName', column: 'Last', count: 1 },
    ]);
  });

  it('are counted by a dry run too', async () => {
    const started = await postImport(app, admin, { file: csv, mapping, dryRun: true });
    const state = await finished(app, admin, started.json<{ id: string }>().id);
    expect(state.dryRun).toBe(true);
    expect(state.invalidValues?.map((v) => [v.column, v.count])).toEqual([
      ['Born', 2],
      ['E-mail', 2],
      ['Company domain', 1],
      ['Last', 1],
    ]);
  });
});
