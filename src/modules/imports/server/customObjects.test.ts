import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { importAndWait } from './importing';

/** Issue 13: a custom object takes imports, validation rules and duplicate checks as the standard ones do. */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  await app.platform.jobs.start();
  admin = (await app.signup('Custom Co')).cookie;
  const made = await app.call('POST', '/api/v1/metadata/objects', {
    as: admin,
    body: { name: 'projects', label: 'Project', labelPlural: 'Projects' },
  });
  expect(made.status).toBe(201);
  for (const body of [
    { name: 'code', label: 'Code', type: 'text' },
    { name: 'budget', label: 'Budget', type: 'number' },
    { name: 'sponsorEmail', label: 'Sponsor email', type: 'email' },
  ]) {
    const field = await app.call('POST', '/api/v1/metadata/objects/projects/fields', { as: admin, body });
    expect(field.status, field.body).toBe(201);
  }
  const rule = await app.call('POST', '/api/v1/validation-rules', {
    as: admin,
    body: { object: 'projects', field: 'budget', kind: 'range', min: 0, message: 'cannot be negative' },
  });
  expect(rule.status, rule.body).toBe(201);
});
afterAll(() => app.close());

const names = async () =>
  (await app.call('GET', '/api/v1/projects?sort=name&limit=50', { as: admin }))
    .json<{ data: { name: string; code: string | null; budget: number | null }[] }>()
    .data.map((p) => [p.name, p.code, p.budget]);

describe('a custom object', () => {
  it('is imported with its rules checked per row, matched, and undone', async () => {
    const csv = [
      'Project,Code,Budget,Sponsor',
      'Apollo,AP-1,100,ada@nasa.example',
      'Gemini,GE-2,-5,grace@nasa.example',
      'Mercury,ME-3,,not-an-email',
      'Vostok,VO-4,7,yuri@space.example',
    ].join('\n');
    const mapping = { Project: 'name', Code: 'code', Budget: 'budget', Sponsor: 'sponsorEmail' };
    const done = await importAndWait(app, admin, { file: csv, object: 'projects', mapping });
    expect(done).toMatchObject({ status: 'done', counts: { created: 2, rejected: 2 } });
    expect(await names()).toEqual([
      ['Apollo', 'AP-1', 100],
      ['Vostok', 'VO-4', 7],
    ]);

    const again = await importAndWait(app, admin, {
      file: 'Project,Budget\nApollo,250\nSoyuz,9',
      object: 'projects',
      mapping: { Project: 'name', Budget: 'budget' },
      match: { field: 'name', onMatch: 'update' },
    });
    expect(again).toMatchObject({ status: 'done', counts: { created: 1, updated: 1 } });
    expect(await names()).toEqual([
      ['Apollo', 'AP-1', 250],
      ['Soyuz', null, 9],
      ['Vostok', 'VO-4', 7],
    ]);

    const undone = await app.call('POST', `/api/v1/imports/${again.id}/undo`, { as: admin });
    expect(undone.status).toBe(200);
    expect(await names()).toEqual([
      ['Apollo', 'AP-1', 100],
      ['Vostok', 'VO-4', 7],
    ]);
  });

  it('has its rules on every write path and its likely duplicates found before saving', async () => {
    const refused = await app.call('POST', '/api/v1/projects', {
      as: admin,
      body: { name: 'Ariane', budget: -1 },
    });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ errors: [{ path: 'budget', message: 'cannot be negative' }] });
    const check = await app.call('POST', '/api/v1/projects/duplicates/check', {
      as: admin,
      body: { name: 'apollo' },
    });
    expect(check.status, check.body).toBe(200);
    // Names alike at 0.8 or more are a custom object's rule of their own; its email field is another.
    const found = check.json<{ data: { score: number; reasons: string[] }[] }>().data;
    expect(found.map((d) => [d.score, d.reasons])).toEqual([[1, ['similar name']]]);
    const byEmail = await app.call('POST', '/api/v1/projects/duplicates/check', {
      as: admin,
      body: { name: 'Saturn', sponsorEmail: ' ADA@nasa.example' },
    });
    expect(byEmail.json<{ data: { score: number; reasons: string[] }[] }>().data).toEqual([
      { id: expect.any(String), score: 1, reasons: ['same sponsor email'] },
    ]);
  });
});
