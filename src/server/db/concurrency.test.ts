import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { defaultPoolSize, rows } from './database';

/**
 * 50 writers at once on one database: creates, and read-modify-write updates of one record guarded
 * by If-Match. Every writer finishes, no update is lost, versions climb by one per change, and
 * history holds exactly one entry per successful change.
 *
 * The writers are concurrent only on PostgreSQL (the PostgreSQL pass), over a pool as large as a
 * server's. PGlite is one connection and runs one unit of work at a time, so on PGlite these tests
 * check that the serialization loses nothing, not how transactions interleave.
 */

let app: TestApp;
let admin: { cookie: string };

interface Account {
  id: string;
  version: number;
  employees: number | null;
  description: string | null;
}
interface HistoryEntry {
  changes: { field: string; from: unknown; to: unknown }[];
}

beforeAll(async () => {
  app = await createTestApp({ pool: defaultPoolSize });
  admin = await app.signup();
});
afterAll(() => app.close());

async function create(body: Record<string, unknown>): Promise<Account> {
  const response = await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body });
  expect(response.status, response.body).toBe(201);
  return response.json<Account>();
}

async function history(id: string): Promise<HistoryEntry[]> {
  const response = await app.call('GET', `/api/v1/accounts/${id}/history?limit=500`, { as: admin.cookie });
  expect(response.status).toBe(200);
  return response.json<{ data: HistoryEntry[] }>().data.reverse();
}

/** Reads the record, adds one to its employees, writes it back if nobody wrote in between; else again. */
async function increment(id: string): Promise<{ attempts: number; statuses: number[] }> {
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= 500; attempt++) {
    const current = (await app.call('GET', `/api/v1/accounts/${id}`, { as: admin.cookie })).json<Account>();
    const response = await app.call('PATCH', `/api/v1/accounts/${id}`, {
      as: admin.cookie,
      body: { employees: (current.employees ?? 0) + 1 },
      headers: { 'if-match': `"${current.version}"` },
    });
    statuses.push(response.status);
    if (response.status === 200) return { attempts: attempt, statuses };
  }
  throw new Error(`gave up after 500 attempts: ${statuses.slice(-5).join(',')}`);
}

describe('50 parallel writers', () => {
  it('creates 25 records and applies 25 guarded increments to one record with no lost update', async () => {
    const target = await create({ name: 'Contended', employees: 0 });
    const before = (
      await app.db.read((x) => rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM accounts`))
    )[0].n;
    const writers = Array.from({ length: 50 }, (_, i) =>
      i % 2 ? increment(target.id) : create({ name: `Parallel ${i}`, employees: i }),
    );
    const results = await Promise.all(writers);
    // On PostgreSQL the writers held every connection of the pool at once.
    if (app.db.kind === 'postgres') expect(app.db.pool?.totalCount).toBe(defaultPoolSize);

    const increments = results.filter((r): r is { attempts: number; statuses: number[] } => 'attempts' in r);
    expect(increments).toHaveLength(25);
    // A refused attempt is a stale version (412) or, under PostgreSQL, a serialization conflict (409).
    for (const r of increments) {
      expect(r.statuses[r.statuses.length - 1]).toBe(200);
      for (const s of r.statuses.slice(0, -1)) expect([409, 412]).toContain(s);
    }
    const created = results.filter((r): r is Account => 'id' in r);
    expect(created).toHaveLength(25);
    expect(new Set(created.map((c) => c.id)).size).toBe(25);
    for (const c of created) expect(c.version).toBe(1);

    const final = (
      await app.call('GET', `/api/v1/accounts/${target.id}`, { as: admin.cookie })
    ).json<Account>();
    expect(final.employees).toBe(25);
    expect(final.version).toBe(26);
    const after = (
      await app.db.read((x) => rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM accounts`))
    )[0].n;
    expect(after).toBe(before + 25);

    // One history entry per successful change, each taking over where the previous one ended.
    const entries = await history(target.id);
    expect(entries).toHaveLength(26);
    entries.slice(1).forEach((entry, i) => {
      expect(entry.changes).toEqual([{ field: 'employees', from: i, to: i + 1 }]);
    });
    for (const c of created.slice(0, 5)) expect(await history(c.id)).toHaveLength(1);
  });

  it('serialises 50 unguarded updates of one record: every one applied, versions 2 to 51, history a chain', async () => {
    const target = await create({ name: 'Last writer', description: 'start' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.call('PATCH', `/api/v1/accounts/${target.id}`, {
          as: admin.cookie,
          body: { description: `writer ${i}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 200));
    const versions = responses.map((r) => r.json<Account>().version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    const final = (
      await app.call('GET', `/api/v1/accounts/${target.id}`, { as: admin.cookie })
    ).json<Account>();
    expect(final.version).toBe(51);
    const last = responses.find((r) => r.json<Account>().version === 51)?.json<Account>();
    expect(final.description).toBe(last?.description);

    const entries = await history(target.id);
    expect(entries).toHaveLength(51);
    let previous: unknown = 'start';
    for (const entry of entries.slice(1)) {
      expect(entry.changes).toHaveLength(1);
      expect(entry.changes[0].field).toBe('description');
      expect(entry.changes[0].from).toBe(previous);
      previous = entry.changes[0].to;
    }
    expect(previous).toBe(final.description);
  });

  it('creates one record for 20 parallel requests with the same Idempotency-Key', async () => {
    const count = async () =>
      (await app.db.read((x) => rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM accounts`)))[0].n;
    const before = await count();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.call('POST', '/api/v1/accounts', {
          as: admin.cookie,
          body: { name: 'Exactly once' },
          headers: { 'idempotency-key': 'parallel-1' },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(new Set(responses.map((r) => r.json<Account>().id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await count()).toBe(before + 1);
  });
});
