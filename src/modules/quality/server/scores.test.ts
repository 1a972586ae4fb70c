import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
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
    // A contact's own answer adds how reachable it is by email; the worst list does not.
    expect(low).toMatchObject({ emailBounces: [], emailsStopped: null });
    expect(worst.data).toEqual([{ id: low.id, score: low.score, missing: low.missing, title: 'Sparse' }]);

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

describe('completeness per owner and team', () => {
  it('counts each owner’s and team’s records, scores, stale records and fields in one pass', async () => {
    const other = await app.signup('Groups');
    const team = (
      await app.call('POST', '/api/v1/teams', { as: other.cookie, body: { name: 'North' } })
    ).json<{ id: string }>();
    const rep = await app.addUser(other.cookie, 'rep', team.id);
    const make = (as: string, body: Record<string, unknown>) =>
      app.call('POST', '/api/v1/contacts', { as, body }).then((r) => r.json<{ id: string }>());
    await make(other.cookie, { lastName: 'Admin One', email: 'one@groups.example' });
    const old = await make(rep.cookie, { lastName: 'Rep One' });
    await make(rep.cookie, { lastName: 'Rep Two', email: 'two@groups.example' });
    await app.db.write((tx) =>
      tx.execute(
        sql`UPDATE contacts SET updated_at = now() - interval '7 months' WHERE id = ${old.id}::uuid`,
      ),
    );
    type Groups = {
      data: {
        id: string | null;
        name: string;
        records: number;
        stale: number;
        fields: { field: string; share: number }[];
      }[];
    };
    const groups = async (query: string) =>
      (
        await app.call('GET', `/api/v1/quality/objects/contacts/groups${query}`, { as: other.cookie })
      ).json<Groups>().data;
    const byOwner = await groups('');
    expect(byOwner.map((g) => [g.id, g.records, g.stale])).toEqual([
      [rep.userId, 2, 1],
      [other.userId, 1, 0],
    ]);
    expect(byOwner[0].fields.find((f) => f.field === 'email')?.share).toBe(0.5);
    const byTeam = await groups('?by=team&staleMonths=12');
    expect(byTeam.map((g) => [g.id, g.name, g.records, g.stale])).toEqual([
      [team.id, 'North', 2, 0],
      [null, 'No team', 1, 0],
    ]);
    const whole = (await app.call('GET', '/api/v1/quality/objects/contacts', { as: other.cookie })).json<{
      stale: number;
      staleMonths: number;
    }>();
    expect([whole.stale, whole.staleMonths]).toEqual([1, 6]);
    // A rep sees only what they may see; bad input is a 400.
    const mine = (
      await app.call('GET', '/api/v1/quality/objects/contacts/groups', { as: rep.cookie })
    ).json<Groups>();
    expect(mine.data.reduce((n, g) => n + g.records, 0)).toBeLessThanOrEqual(3);
    for (const query of ['?by=region', '?staleMonths=0', '?staleMonths=x', '?other=1'])
      expect(
        (await app.call('GET', `/api/v1/quality/objects/contacts/groups${query}`, { as: other.cookie }))
          .status,
      ).toBe(400);
    expect(
      (await app.call('GET', '/api/v1/quality/objects/pipelines/groups', { as: other.cookie })).status,
    ).toBe(400);
  });
});
