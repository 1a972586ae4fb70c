import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Quality = { id: string; score: number; missing: string[] };
const create = async (body: Record<string, unknown>) =>
  (await app.call('POST', '/api/v1/contacts', { as: admin, body })).json<{ id: string }>();
const get = async <T>(path: string) => (await app.call('GET', `/api/v1/${path}`, { as: admin })).json<T>();

describe('data quality scores', () => {
  it('scores records by the share of fields they have, per object and field, worst first', async () => {
    const sparse = await create({ lastName: 'Sparse' });
    const full = await create({
      firstName: 'Fiona',
      lastName: 'Full',
      email: 'fiona@full.example',
      title: 'Director',
      phone: '+44 20 7946 0001',
    });
    const object = await get<{
      records: number;
      score: number;
      duplicatesWaiting: number;
      fields: { field: string; filled: number; share: number }[];
    }>('quality/objects/contacts');
    const n = object.fields.length;
    expect(object.records).toBe(2);
    expect(object.duplicatesWaiting).toBe(0);
    const field = (name: string) => object.fields.find((f) => f.field === name);
    expect(field('lastName')).toEqual({ field: 'lastName', filled: 2, share: 1 });
    expect(field('email')).toEqual({ field: 'email', filled: 1, share: 0.5 });
    expect(object.fields.map((f) => f.field)).not.toContain('notes');

    const low = await get<Quality>(`contacts/${sparse.id}/quality`);
    const high = await get<Quality>(`contacts/${full.id}/quality`);
    expect(low.missing).toEqual(expect.arrayContaining(['firstName', 'email', 'title', 'phone']));
    expect(low.missing).not.toContain('lastName');
    expect(low.score).toBe(Math.round((100 * (n - low.missing.length)) / n));
    expect(high.score).toBe(Math.round((100 * (n - high.missing.length)) / n));
    expect(high.missing.length).toBe(low.missing.length - 4);
    expect(object.score).toBe(Math.round(((low.score + high.score) / 2) * 10) / 10);

    const worst = await get<{ data: (Quality & { title: string })[] }>(
      'quality/worst?object=contacts&limit=1',
    );
    expect(worst.data).toEqual([{ ...low, title: 'Sparse' }]);

    await app.call('PATCH', `/api/v1/contacts/${sparse.id}`, {
      as: admin,
      body: { email: 'sparse@x.example' },
    });
    const raised = await get<Quality>(`contacts/${sparse.id}/quality`);
    expect(raised.missing).not.toContain('email');
    expect(raised.score).toBe(Math.round((100 * (n - low.missing.length + 1)) / n));
    expect((await app.call('GET', '/api/v1/quality/objects/nothing', { as: admin })).status).toBe(404);
  });
});
