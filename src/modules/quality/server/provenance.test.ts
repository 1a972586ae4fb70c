import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Provenance = {
  field: string;
  source: string;
  actor: { type: string; name: string };
  merge?: { id: string; mergedIds: string[] };
};
const provenanceOf = async (object: string, id: string) =>
  (await app.call('GET', `/api/v1/${object}/${id}/provenance`, { as: admin })).json<{ data: Provenance[] }>()
    .data;

describe('provenance', () => {
  it('tells, field by field, who set a value and which merge it came from', async () => {
    const a = (
      await app.call('POST', '/api/v1/accounts', { as: admin, body: { name: 'Prov Co', industry: 'Retail' } })
    ).json<{ id: string }>();
    const b = (
      await app.call('POST', '/api/v1/accounts', { as: admin, body: { name: 'Prov Company', employees: 40 } })
    ).json<{ id: string }>();
    const before = await provenanceOf('accounts', a.id);
    expect(before.map((p) => [p.field, p.source, p.actor.type])).toEqual(
      expect.arrayContaining([
        ['industry', 'app', 'user'],
        ['name', 'app', 'user'],
      ]),
    );
    const merged = await app.call('POST', '/api/v1/accounts/merge', {
      as: admin,
      body: { survivorId: a.id, mergedIds: [b.id], values: { employees: 40 } },
    });
    const mergeId = merged.json<{ mergeId: string }>().mergeId;
    const after = await provenanceOf('accounts', a.id);
    expect(after.find((p) => p.field === 'employees')).toMatchObject({
      source: 'merge',
      merge: { id: mergeId, mergedIds: [b.id] },
    });
    expect(after.find((p) => p.field === 'industry')).toMatchObject({ source: 'app' });
    expect((await app.call('GET', `/api/v1/accounts/${b.id}/provenance`, { as: admin })).status).toBe(404);
  });
});
