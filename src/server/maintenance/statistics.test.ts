import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/database';
import { createTestApp, type TestApp } from '../testing';
import { analyzeQueue } from './freshness';

// Real bulk loads through the API, then the statistics the planner sees, with nothing run by hand:
// the outbox counts the changes, a job on the queue analyzes the tables past autovacuum's threshold.
let app: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Statistics');
  await app.platform.jobs.start();
});
afterAll(async () => {
  await app.close();
});

const query = <T>(text: string) => app.db.read((x) => rows<T>(x, sql.raw(text)));
const plannerRowsOf = async (table: string) =>
  (await query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = '${table}'`))[0].n;
const analyzeJobs = async (table: string) =>
  (
    await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = '${analyzeQueue}' AND data->>'table' = '${table}'`,
    )
  )[0].n;

/** Polls until `probe` holds; a bounded wait for the job, never a timer asserted on. */
async function until(probe: () => Promise<boolean>, seconds = 45) {
  const end = Date.now() + seconds * 1000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`not true after ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('statistics kept fresh', () => {
  it('analyzes contacts and history after a 2,000-row bulk load through the API, once per table', async () => {
    const account = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Loaded Ltd' },
    });
    expect(account.status, account.body).toBe(201);
    const accountId = account.json<{ id: string }>().id;
    expect(await plannerRowsOf('contacts')).toBe(-1);
    for (let part = 0; part < 2; part++) {
      const create = Array.from({ length: 1000 }, (_, i) => ({
        firstName: `Ann${i}`,
        lastName: `Load ${part}-${i}`,
        email: `load.${part}.${i}@example.com`,
        accountId: i % 2 ? accountId : null,
      }));
      const bulk = await app.call('POST', '/api/v1/contacts/bulk', { as: admin.cookie, body: { create } });
      expect(bulk.status, bulk.body.slice(0, 300)).toBe(200);
    }
    await until(async () => (await plannerRowsOf('contacts')) === 2000);
    await until(async () => (await plannerRowsOf('record_history')) >= 2000);
    const [analyzed] = await query<{ last: string | null }>(
      `SELECT coalesce(last_analyze, last_autoanalyze)::text AS last FROM pg_stat_user_tables WHERE relname = 'contacts'`,
    );
    expect(analyzed.last).not.toBeNull();
    // Four dispatched batches of 500 each passed the threshold; the queue kept one waiting job.
    const jobs = await analyzeJobs('contacts');
    expect(jobs).toBeGreaterThanOrEqual(1);
    expect(jobs).toBeLessThanOrEqual(2);
    // The same job moved what waited in the search index's pending list into the index: nothing is
    // left for a search to read through (cleaning it again finds no page).
    await until(
      async () =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pgboss.job WHERE name = '${analyzeQueue}' AND data->>'table' = 'contacts' AND state <> 'completed'`,
          )
        )[0].n === 0,
    );
    const [pending] = await query<{ pages: number }>(
      `SELECT gin_clean_pending_list('contacts_search_fts_idx'::regclass)::int AS pages`,
    );
    expect(pending.pages).toBe(0);
  });

  it('adds up single-row writes until they pass 50 + 10% of the table', async () => {
    const before = await plannerRowsOf('accounts');
    expect(before).toBeLessThan(50);
    for (let i = 0; i < 60; i++) {
      const created = await app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: `One by one ${i}` },
      });
      expect(created.status).toBe(201);
    }
    await until(async () => (await plannerRowsOf('accounts')) === 61);
    expect(await analyzeJobs('accounts')).toBe(1);
  });
});
