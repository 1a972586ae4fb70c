import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from './db/database';
import { createTestApp, type TestApp } from './testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

describe('usage of reads', () => {
  it('is committed before the answer leaves: a view and a list are in usage_events as soon as they are answered', async () => {
    const created = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Umbra Ltd' },
    });
    const { id } = created.json<{ id: string }>();
    await Promise.all(
      Array.from({ length: 5 }, () => app.call('GET', `/api/v1/accounts/${id}`, { as: admin.cookie })),
    );
    expect((await app.call('GET', '/api/v1/accounts', { as: admin.cookie })).status).toBe(200);
    const usage = await app.db.read((x) =>
      rows<{ action: string; record_id: string | null; n: number }>(
        x,
        sql`SELECT action, record_id, count(*)::int AS n FROM usage_events
          WHERE workspace_id = ${admin.workspaceId} AND user_id = ${admin.userId} AND action IN ('view', 'list')
          GROUP BY action, record_id ORDER BY action`,
      ),
    );
    expect(usage).toEqual([
      { action: 'list', record_id: null, n: 1 },
      { action: 'view', record_id: id, n: 5 },
    ]);
  });
});
