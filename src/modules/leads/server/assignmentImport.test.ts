import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from '../../imports/server';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  await app.platform.jobs.start();
});
afterAll(() => app?.close());

it('routes imported leads, even when a rep imports them, and keeps other contacts with the importer', async () => {
  const admin = await app.signup('Imported leads');
  const call = (method: string, url: string, body?: unknown) =>
    app.call(method, url, { as: admin.cookie, body });
  const team = (await call('POST', '/api/v1/teams', { name: 'Inside' })).json<{ id: string }>().id;
  const reps = [await app.addUser(admin.cookie, 'rep', team), await app.addUser(admin.cookie, 'rep', team)];
  const importer = await app.addUser(admin.cookie, 'rep');
  expect(
    (await call('POST', '/api/v1/leads/assignment-rules', { name: 'Inside', priority: 1, teamId: team }))
      .status,
  ).toBe(201);

  const csv = ['Last name,Stage', 'Ames,lead', 'Baker,lead', 'Cole,customer', 'Dunn,lead', 'Eaton,lead'].join(
    '\r\n',
  );
  const state = await importAndWait(app, importer.cookie, {
    file: csv,
    mapping: { 'Last name': 'lastName', Stage: 'lifecycleStage' },
  });
  expect(state.counts).toMatchObject({ created: 5, rejected: 0 });
  const people = (await call('GET', '/api/v1/contacts?sort=lastName&limit=10')).json<{
    data: { lastName: string; ownerId: string }[];
  }>().data;
  const owners = Object.fromEntries(people.map((p) => [p.lastName, p.ownerId]));
  expect(owners.Cole).toBe(importer.userId);
  const leads = [owners.Ames, owners.Baker, owners.Dunn, owners.Eaton];
  expect(reps.map((r) => leads.filter((o) => o === r.userId).length)).toEqual([2, 2]);
});
