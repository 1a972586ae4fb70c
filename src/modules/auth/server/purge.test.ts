import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { purgeExpiredHits } from '../../../server/http/rateLimits';
import { createTestApp, type TestApp } from '../../../server/testing';
import { purgeExpiredSessions } from './purge';

/** Issue 8, finding 7: expired sessions (and ended rate-limit windows) are deleted by an hourly job. */
let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Purge Co');
});
afterAll(() => app.close());

const count = async (table: 'sessions' | 'rate_limits') =>
  (
    await app.db.read((x) =>
      rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`),
    )
  )[0].n;

describe('the purge jobs', () => {
  it('delete expired sessions and keep live ones', async () => {
    const other = await app.addUser(admin.cookie, 'rep');
    await app.db.write((tx) =>
      tx.execute(
        sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = ${other.userId}`,
      ),
    );
    const before = await count('sessions');
    expect(await purgeExpiredSessions(app.db)).toBe(1);
    expect(await count('sessions')).toBe(before - 1);
    expect((await app.call('GET', '/api/v1/auth/me', { as: admin.cookie })).status).toBe(200);
  });

  it('delete rate-limit counters whose window has ended', async () => {
    await app.call('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'wrong-one-1' },
    });
    const live = await count('rate_limits');
    expect(live).toBeGreaterThan(0);
    expect(await purgeExpiredHits(app.db)).toBe(0);
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE rate_limits SET reset_at = now() - interval '1 second'`),
    );
    expect(await purgeExpiredHits(app.db)).toBe(live);
    expect(await count('rate_limits')).toBe(0);
  });

  it('are scheduled by cron once the queue runs', async () => {
    await app.platform.jobs.start();
    const scheduled = await app.db.read((x) =>
      rows<{ name: string; cron: string }>(x, sql`SELECT name, cron FROM pgboss.schedule ORDER BY name`),
    );
    // Other modules schedule their own jobs (mail sync, forecast snapshots) beside these.
    expect(scheduled).toEqual(
      expect.arrayContaining([
        { name: 'auth.purge-expired-sessions', cron: '17 * * * *' },
        { name: 'platform.purge-rate-limits', cron: '23 * * * *' },
      ]),
    );
  });
});
