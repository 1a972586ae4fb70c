import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, type TestApp } from '../../../server/testing';
import type { ReportAnswer } from '../contract';

/**
 * A report's statements stop at RAPPORT_REPORT_TIMEOUT_MS. To make a statement slow on purpose, a
 * second connection holds a lock on `deals` that the report's read must wait for; the timeout counts
 * the wait. PGlite is one connection and cannot stop a running statement (its timer never fires
 * while the statement runs in the same thread), so there the report runs to its end: that is tested too.
 */
let app: TestApp;
let admin: { cookie: string };
const limitMs = 300;
const byStage = { object: 'deals', groupBy: ['forecastCategory'], measures: [{ fn: 'count' }] };
const run = () => app.call('POST', '/api/v1/insights/reports/run', { as: admin.cookie, body: byStage });
const exportCsv = () =>
  app.call('POST', '/api/v1/insights/reports/export?format=csv', { as: admin.cookie, body: byStage });

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_REPORT_TIMEOUT_MS: String(limitMs) } });
  admin = await app.signup();
  const created = await app.call('POST', '/api/v1/deals/bulk', {
    as: admin.cookie,
    body: {
      create: [
        { name: 'A', amount: '10.00' },
        { name: 'B', amount: '20.00' },
      ],
    },
  });
  expect(created.status, created.body).toBe(200);
});
afterAll(() => app.close());

/** Runs `work` while another connection holds `deals` locked, then lets go. */
async function whileDealsLocked<T>(work: () => Promise<T>): Promise<T> {
  const holder: pg.PoolClient = await app.db.pool!.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE deals IN ACCESS EXCLUSIVE MODE');
    return await work();
  } finally {
    await holder.query('ROLLBACK');
    holder.release();
  }
}

describe('a report bounded in time', () => {
  it.skipIf(process.env.DATABASE_URL)(
    'on PGlite, runs to its end whatever the limit: PGlite cannot stop a running statement',
    async () => {
      const answer = await run();
      expect(answer.status, answer.body).toBe(200);
      expect(answer.json<ReportAnswer>().data.map((r) => r.values)).toEqual([[2]]);
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'on PostgreSQL, a report or its export that runs too long is stopped with a 503 in words',
    async () => {
      const [ran, exported] = await whileDealsLocked(() => Promise.all([run(), exportCsv()]));
      for (const stopped of [ran, exported]) {
        expect(stopped.status, stopped.body).toBe(503);
        expect(stopped.headers['content-type']).toContain('application/problem+json');
        expect(stopped.json()).toMatchObject({
          title: 'Took too long',
          status: 503,
          detail: 'This report took too long: narrow its period or filters',
        });
      }
      // Once nothing holds it up, the same report answers, and the limit stayed with the report's
      // transaction: every pooled connection still runs a statement longer than the limit.
      const answer = await run();
      expect(answer.status, answer.body).toBe(200);
      expect(answer.json<ReportAnswer>().data.map((r) => r.values)).toEqual([[2]]);
      const slow = sql.raw(`SELECT pg_sleep(${(limitMs * 2) / 1000})`);
      await Promise.all(Array.from({ length: 5 }, () => app.db.read((x) => x.execute(slow))));
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'on PostgreSQL, any statement cancelled under a request is a 503, never a 500',
    async () => {
      const listed = await whileDealsLocked(async () => {
        const request = app.call('GET', '/api/v1/deals?limit=5', { as: admin.cookie });
        // The list waits for the lock; cancelling its statement is what a timeout does to it.
        await eventually(async () => {
          const result = await app.db.pool!.query<{ cancelled: boolean }>(
            `SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return result.rows.some((r) => r.cancelled) || undefined;
        });
        return request;
      });
      expect(listed.status, listed.body).toBe(503);
      expect(listed.json()).toMatchObject({
        title: 'Took too long',
        detail: 'The request took too long and was stopped: narrow it and try again',
      });
    },
  );
});
