import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { rows } from '../db/database';
import { createTestApp, type TestApp, type TestResponse } from '../testing';

/**
 * Shared set-up of the bad-input suites (API.md's Errors section, case by case): a workspace with an
 * API key, another workspace, and helpers that check a refused request answers problem+json and writes nothing.
 * Each test file calls `setUpBadInput()` at its top to register its own beforeAll/afterAll (test files
 * share a worker's imported modules, so importing alone would set up only the first file).
 */

export let app: TestApp;
export let admin: { cookie: string; workspaceId: string };
export let key: string;
export let other: { cookie: string };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Registers the calling test file's beforeAll (the workspaces and key above) and afterAll (closing the app). */
export function setUpBadInput(): void {
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.signup('Bad Input');
    key = (await app.call('POST', '/api/v1/api-keys', { as: admin.cookie, body: { name: 'script' } })).json<{
      token: string;
    }>().token;
    other = await app.signup('Elsewhere');
  });
  afterAll(() => app.close());
}

/** Row counts of the tables a write touches: a refused request must leave every one as it was. */
export async function counts() {
  const [c] = await app.db.read((x) =>
    rows<Record<string, number>>(
      x,
      sql`SELECT (SELECT count(*)::int FROM accounts) AS accounts, (SELECT count(*)::int FROM contacts) AS contacts,
        (SELECT count(*)::int FROM record_history) AS history, (SELECT count(*)::int FROM idempotency_keys) AS keys,
        (SELECT count(*)::int FROM contact_accounts) AS links,
        (SELECT coalesce(sum(version), 0)::int FROM accounts) AS versions`,
    ),
  );
  return c;
}

/** Runs the calls and checks each answers `status` as problem+json, with nothing written. */
export async function refused(status: number, ...calls: (() => Promise<TestResponse>)[]): Promise<Problem[]> {
  const before = await counts();
  const problems: Problem[] = [];
  for (const call of calls) {
    const response = await call();
    expect(response.status, response.body.slice(0, 300)).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<Problem>();
    expect(problem.status).toBe(status);
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    problems.push(problem);
  }
  expect(await counts()).toEqual(before);
  return problems;
}

export const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path);

export async function createAccount(body: Record<string, unknown> = {}) {
  const response = await app.call('POST', '/api/v1/accounts', {
    as: admin.cookie,
    body: { name: 'Target', ...body },
  });
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string; version: number } & Record<string, unknown>>();
}
