import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/** Issue 8, finding 7: an Idempotency-Key belongs to the caller that sent it, not to the workspace. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Idempotent Co');
});
afterAll(() => app.close());

const create = (as: string, key: string, name = 'Once Ltd') =>
  app.call('POST', '/api/v1/accounts', { as, body: { name }, headers: { 'idempotency-key': key } });

describe('Idempotency-Key', () => {
  it("never answers another user's, or a viewer's, request with the first caller's record", async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const viewer = await app.addUser(admin.cookie, 'viewer');
    const first = await create(admin.cookie, 'import-42');
    expect(first.status).toBe(201);
    const again = await create(admin.cookie, 'import-42');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);

    const byRep = await create(rep.cookie, 'import-42');
    expect(byRep.status).toBe(201);
    expect(byRep.headers['idempotent-replayed']).toBeUndefined();
    expect(byRep.json().id).not.toBe(first.json().id);
    expect(byRep.json().ownerId).toBe(rep.userId);

    const byViewer = await create(viewer.cookie, 'import-42');
    expect(byViewer.status).toBe(403);
    expect(byViewer.body).not.toContain(first.json<{ id: string }>().id);
  });

  it('keeps the keys of two API keys of one user apart', async () => {
    const mint = async (name: string) =>
      (await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name } })).json<{
        token: string;
      }>().token;
    const [one, two] = [await mint('one'), await mint('two')];
    const a = await create(one, 'nightly', 'Nightly A');
    const b = await create(two, 'nightly', 'Nightly B');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json().name).toBe('Nightly B');
  });
});
