import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/** Issue 10, item 5: the recycle bin lists what was deleted, by whom and when; restore; purge by admins. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;
let rep: { cookie: string; userId: string };
let other: Awaited<ReturnType<TestApp['signup']>>;

interface BinEntry {
  id: string;
  title: string;
  deletedAt: string;
  deletedBy: string | null;
  record: { id: string; name?: string };
}

const create = async (cookie: string, name: string) =>
  (await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name } })).json<{ id: string }>().id;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Bin Co');
  rep = await app.addUser(admin.cookie, 'rep');
  other = await app.signup('Other Bin Co');
});
afterAll(() => app.close());

describe('the recycle bin', () => {
  it('lists binned records newest first, with title, time and who, in keyset pages', async () => {
    const ids = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      const id = await create(rep.cookie, name);
      expect((await app.call('DELETE', `/api/v1/accounts/${id}`, { as: rep.cookie })).status).toBe(204);
      ids.push(id);
    }
    await create(rep.cookie, 'Still here');
    const first = await app.call('GET', '/api/v1/accounts/bin?limit=2', { as: rep.cookie });
    expect(first.status).toBe(200);
    const page = first.json<{ data: BinEntry[]; nextCursor: string | null }>();
    expect(page.data.map((e) => e.title)).toEqual(['Gamma', 'Beta']);
    expect(page.data[0]).toMatchObject({ id: ids[2], deletedBy: rep.userId, record: { name: 'Gamma' } });
    expect(Date.parse(page.data[0].deletedAt)).toBeGreaterThan(Date.now() - 60_000);
    const rest = await app.call('GET', `/api/v1/accounts/bin?limit=2&cursor=${page.nextCursor}`, {
      as: rep.cookie,
    });
    const second = rest.json<{ data: BinEntry[]; nextCursor: string | null }>();
    expect(second.data.map((e) => e.title)).toEqual(['Alpha']);
    expect(second.nextCursor).toBeNull();
  });

  it("shows one binned record, restores it, and never shows another workspace's bin", async () => {
    const id = await create(admin.cookie, 'Comes back');
    await app.call('DELETE', `/api/v1/accounts/${id}`, { as: admin.cookie });
    expect((await app.call('GET', `/api/v1/accounts/${id}`, { as: admin.cookie })).status).toBe(404);
    const binned = await app.call('GET', `/api/v1/accounts/bin/${id}`, { as: admin.cookie });
    expect(binned.json<BinEntry>()).toMatchObject({ id, title: 'Comes back', deletedBy: admin.userId });
    expect((await app.call('GET', `/api/v1/accounts/bin/${id}`, { as: other.cookie })).status).toBe(404);
    const theirs = await app.call('GET', '/api/v1/accounts/bin', { as: other.cookie });
    expect(theirs.json<{ data: BinEntry[] }>().data).toEqual([]);
    expect((await app.call('POST', `/api/v1/accounts/${id}/restore`, { as: admin.cookie })).status).toBe(200);
    expect((await app.call('GET', `/api/v1/accounts/bin/${id}`, { as: admin.cookie })).status).toBe(404);
    expect((await app.call('GET', `/api/v1/accounts/${id}`, { as: admin.cookie })).status).toBe(200);
  });

  it('purges for good only for admins, only from the bin, and not while others refer to it', async () => {
    const id = await create(admin.cookie, 'Gone for good');
    expect((await app.call('DELETE', `/api/v1/accounts/bin/${id}`, { as: admin.cookie })).status).toBe(404);
    await app.call('DELETE', `/api/v1/accounts/${id}`, { as: admin.cookie });
    expect((await app.call('DELETE', `/api/v1/accounts/bin/${id}`, { as: rep.cookie })).status).toBe(403);
    expect((await app.call('DELETE', `/api/v1/accounts/bin/${id}`, { as: other.cookie })).status).toBe(404);
    expect((await app.call('DELETE', `/api/v1/accounts/bin/${id}`, { as: admin.cookie })).status).toBe(204);
    expect((await app.call('GET', `/api/v1/accounts/bin/${id}`, { as: admin.cookie })).status).toBe(404);
    expect((await app.call('POST', `/api/v1/accounts/${id}/restore`, { as: admin.cookie })).status).toBe(404);

    const parent = await create(admin.cookie, 'Still referred to');
    const contact = await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: { lastName: 'Works There', accountId: parent },
    });
    expect(contact.status).toBe(201);
    await app.call('DELETE', `/api/v1/accounts/${parent}`, { as: admin.cookie });
    const refused = await app.call('DELETE', `/api/v1/accounts/bin/${parent}`, { as: admin.cookie });
    expect(refused.status).toBe(409);
    expect((await app.call('GET', `/api/v1/accounts/bin/${parent}`, { as: admin.cookie })).status).toBe(200);
  });

  it('refuses a bad cursor or limit with 400', async () => {
    expect((await app.call('GET', '/api/v1/accounts/bin?limit=0', { as: admin.cookie })).status).toBe(400);
    expect((await app.call('GET', '/api/v1/accounts/bin?cursor=nonsense', { as: admin.cookie })).status).toBe(
      400,
    );
    expect((await app.call('GET', '/api/v1/accounts/bin/not-an-id', { as: admin.cookie })).status).toBe(400);
  });
});
