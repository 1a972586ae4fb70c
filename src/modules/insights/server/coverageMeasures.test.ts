import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { day, measureValue } from './measures.setup';

/*
 * Dated by hand:
 *   deals e1, e2 open since 2026-01-01; e3 created 2026-01-01, closed 2026-02-01; e4 created 2026-03-20
 *   accounts K1, K2 customers (key accounts) and P a lead, all created 2026-01-01
 *   activities: call on e1 2026-03-10, meeting on e2 2026-02-20, call on K1 2026-03-14,
 *               note on P 2026-03-10 (no key account), call on e3 2026-03-10 (closed by then)
 *   duplicate pairs: one found 2026-01-10, one 2026-02-10, one found 2026-01-05 and dismissed
 */
let app: TestApp;
let admin: { cookie: string; workspaceId: string };
const run = (query: ReturnType<typeof sql>) => app.db.write((tx) => tx.execute(query));

async function created(url: string, body: unknown) {
  const answer = await app.call('POST', url, { as: admin.cookie, body });
  expect(answer.status, answer.body).toBe(201);
  return answer.json<{ id: string }>().id;
}

async function deal(name: string, createdAt: string, closedAt: string | null = null) {
  const id = await created('/api/v1/deals', { name });
  await run(
    sql`UPDATE deals SET created_at = ${day(createdAt)}::timestamptz, closed_at = ${closedAt && day(closedAt)}::timestamptz WHERE id = ${id}`,
  );
  return id;
}

async function account(name: string, lifecycleStage: string) {
  const id = await created('/api/v1/accounts', { name, lifecycleStage });
  await run(sql`UPDATE accounts SET created_at = ${day('2026-01-01')}::timestamptz WHERE id = ${id}`);
  return id;
}

const activity = (type: string, object: string, id: string, occurredAt: string) =>
  created('/api/v1/activities', {
    type,
    subject: type,
    occurredAt: day(occurredAt),
    links: [{ object, id }],
  });

async function duplicatePair(foundAt: string, dismissed: boolean) {
  const [a, b] = [
    await created('/api/v1/contacts', { firstName: 'Ann' }),
    await created('/api/v1/contacts', { firstName: 'Ann' }),
  ].sort();
  await run(
    sql`INSERT INTO duplicate_pairs (workspace_id, object, record_a, record_b, score, reasons, dismissed, found_at)
      VALUES (${admin.workspaceId}, 'contacts', ${a}, ${b}, 0.9, '["name"]'::jsonb, ${dismissed}, ${day(foundAt)}::timestamptz)`,
  );
}

const valueOf = (measure: string, from: string, to: string) =>
  measureValue(app, admin.cookie, measure, from, to);

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const [e1, e2, e3] = [
    await deal('e1', '2026-01-01'),
    await deal('e2', '2026-01-01'),
    await deal('e3', '2026-01-01', '2026-02-01'),
  ];
  await deal('e4', '2026-03-20');
  const [k1, p] = [await account('K1', 'customer'), await account('P', 'lead')];
  await account('K2', 'customer');
  await activity('call', 'deals', e1, '2026-03-10');
  await activity('meeting', 'deals', e2, '2026-02-20');
  await activity('call', 'accounts', k1, '2026-03-14');
  await activity('note', 'accounts', p, '2026-03-10');
  await activity('call', 'deals', e3, '2026-03-10');
  await duplicatePair('2026-01-10', false);
  await duplicatePair('2026-02-10', false);
  await duplicatePair('2026-01-05', true);
});
afterAll(() => app.close());

describe('activity coverage of open deals and key accounts', () => {
  it('two weeks to 2026-03-15: e1 and K1 touched, of e1, e2, K1 and K2', async () => {
    expect(await valueOf('activityCoverage', '2026-03-01', '2026-03-15')).toBe(0.5);
  });
  it('two weeks to 2026-03-01: only e2 touched, of the same four (e3 closed, e4 not there yet)', async () => {
    expect(await valueOf('activityCoverage', '2026-02-15', '2026-03-01')).toBe(0.25);
  });
  it('no figure before there was anything to cover', async () => {
    expect(await valueOf('activityCoverage', '2025-12-01', '2025-12-15')).toBe(null);
  });
});

describe('duplicates outstanding', () => {
  it('counts the pairs found by then that are neither merged nor dismissed', async () => {
    expect(await valueOf('duplicatesOutstanding', '1970-01-01', '2026-01-01')).toBe(0);
    expect(await valueOf('duplicatesOutstanding', '1970-01-01', '2026-02-01')).toBe(1);
    expect(await valueOf('duplicatesOutstanding', '1970-01-01', '2026-03-01')).toBe(2);
  });
});
