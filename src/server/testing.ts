import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp, type App } from './app';
import { openPostgres, type Database } from './db/database';
import { migrate } from './db/migrate';
import { readSettings } from './env';
import type { ServerModule } from './platform';
import { openMigratedPglite } from './testTemplate';

/**
 * A fresh, migrated database for one test file: PGlite in memory, or, when DATABASE_URL is set,
 * a new PostgreSQL database of its own (dropped on close). `pool` connections on PostgreSQL: 5 keeps
 * the parallel test files under the server's connection limit; tests of concurrent writers pass
 * `defaultPoolSize`, the size a server runs with. PGlite is one connection whatever is asked.
 */
export async function createTestDb(
  options: { pool?: number; collation?: string } = {},
): Promise<Database & { drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openMigratedPglite();
    return { ...db, drop: () => db.close() };
  }
  const name = `rapport_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // A collation other than the server's default needs template0; ICU is what PostgreSQL ships everywhere.
  await admin.query(
    options.collation
      ? `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.collation}' LOCALE 'C.UTF-8'`
      : `CREATE DATABASE ${name}`,
  );
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString(), options.pool ?? 5);
  await migrate(db);
  return {
    ...db,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export interface TestApp extends App {
  db: Database & { drop(): Promise<void> };
  /** Calls the API; `as` is a session cookie (rs_…) or an API key (rk_…). */
  call(
    method: string,
    url: string,
    options?: { as?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string },
  ): Promise<TestResponse>;
  /** Signs up a workspace (signup is open in tests unless `env` says otherwise) and answers its admin's session and ids. */
  signup(
    workspaceName?: string,
  ): Promise<{ cookie: string; userId: string; workspaceId: string; email: string }>;
  /** Adds a user with a role to the workspace of `adminCookie` and signs them in. */
  addUser(
    adminCookie: string,
    role: string,
    teamId?: string | null,
  ): Promise<{ cookie: string; userId: string; email: string }>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** Numbers users in the order they were added, zero-padded so that names sort the same way (files share it). */
let counter = 0;
export const testPassword = 'correct-horse-battery';

/**
 * A test server over a fresh database; `modules` replaces the real modules (to add a test module's
 * hooks); `env` overrides the test settings, `undefined` leaving a setting at its shipped default;
 * `pool` and `collation` go to createTestDb.
 */
export async function createTestApp(
  options: {
    modules?: ServerModule[];
    env?: Record<string, string | undefined>;
    pool?: number;
    collation?: string;
  } = {},
): Promise<TestApp> {
  const db = await createTestDb({ pool: options.pool, collation: options.collation });
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const settings = readSettings({
    RAPPORT_SIGNUP: 'open',
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_SECRET: 'test-secret-of-enough-length',
    RAPPORT_LOGIN_LIMIT: '10000',
    ...options.env,
  });
  const app = await buildApp({ db, settings, modules: options.modules });
  await app.fastify.ready();

  const call: TestApp['call'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { origin: 'http://localhost:80', ...options.headers };
    if (options.as?.startsWith('rk_')) headers.authorization = `Bearer ${options.as}`;
    else if (options.as) headers.cookie = `rapport_session=${options.as}`;
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.fastify.inject({
      method: method as 'GET',
      url,
      headers,
      payload,
      remoteAddress: options.remoteAddress,
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      json: <T>() => JSON.parse(response.body) as T,
    };
  };
  const sessionFrom = (response: TestResponse) => {
    const setCookie = [response.headers['set-cookie']]
      .flat()
      .map(String)
      .find((c) => c.startsWith('rapport_session='));
    if (!setCookie) throw new Error(`no session cookie (status ${response.status}: ${response.body})`);
    return setCookie.split(';')[0].split('=')[1];
  };

  return {
    ...app,
    db,
    call,
    async close() {
      await app.close();
      await db.drop();
    },
    async signup(workspaceName = 'Acme Test') {
      const email = `admin${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const response = await call('POST', '/api/v1/auth/signup', {
        body: { workspaceName, name: 'Ada Admin', email, password: testPassword },
      });
      const session = response.json<{ user: { id: string }; workspace: { id: string } }>();
      return {
        cookie: sessionFrom(response),
        userId: session.user.id,
        workspaceId: session.workspace.id,
        email,
      };
    },
    async addUser(adminCookie, role, teamId = null) {
      const email = `${role}${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const created = await call('POST', '/api/v1/users', {
        as: adminCookie,
        body: {
          email,
          name: `${role} ${String(counter).padStart(6, '0')}`,
          password: testPassword,
          role,
          teamId,
        },
      });
      if (created.status !== 201) throw new Error(`addUser: ${created.status} ${created.body}`);
      const login = await call('POST', '/api/v1/auth/login', { body: { email, password: testPassword } });
      return { cookie: sessionFrom(login), userId: created.json<{ id: string }>().id, email };
    },
  };
}

/** Polls until `probe` answers something other than undefined (a queued job's work, a captured message). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
