import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../db/database';
import type { Jobs } from '../jobs/queue';

export interface Hits {
  /** hits within the current window, this one included */
  hits: number;
  /** milliseconds until the window ends */
  ttlMs: number;
  /** milliseconds since the latest hit before now (0 for the first) */
  sinceLastMs: number;
}

/**
 * Counts a hit on `key` in the database, so that every server process shares one count: a window of
 * `windowMs` opens at the first hit and the count starts again once it has ended. One statement.
 */
export async function countHit(db: Database, key: string, windowMs: number): Promise<Hits> {
  const [row] = await db.write((tx) =>
    rows<{ hits: number; ttl_ms: number; since_ms: number }>(
      tx,
      sql`WITH previous AS (SELECT last_at FROM rate_limits WHERE key = ${key} AND reset_at > now())
        INSERT INTO rate_limits AS r (key, hits, reset_at, last_at)
        VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}), now())
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.reset_at > now() THEN r.hits + 1 ELSE 1 END,
          reset_at = CASE WHEN r.reset_at > now() THEN r.reset_at ELSE EXCLUDED.reset_at END,
          last_at = now()
        RETURNING r.hits,
          (extract(epoch FROM r.reset_at - now()) * 1000)::int AS ttl_ms,
          COALESCE((SELECT (extract(epoch FROM now() - last_at) * 1000)::int FROM previous), 0) AS since_ms`,
    ),
  );
  return { hits: row.hits, ttlMs: row.ttl_ms, sinceLastMs: row.since_ms };
}

/** The hits on `key` in its current window, without counting one; null when there are none. */
export async function readHits(db: Database, key: string): Promise<Hits | null> {
  const [row] = await db.read((x) =>
    rows<{ hits: number; ttl_ms: number; since_ms: number }>(
      x,
      sql`SELECT hits, (extract(epoch FROM reset_at - now()) * 1000)::int AS ttl_ms,
          (extract(epoch FROM now() - last_at) * 1000)::int AS since_ms
        FROM rate_limits WHERE key = ${key} AND reset_at > now()`,
    ),
  );
  return row ? { hits: row.hits, ttlMs: row.ttl_ms, sinceLastMs: row.since_ms } : null;
}

export async function clearHits(db: Database, key: string): Promise<void> {
  await db.write((tx) => tx.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`));
}

/** Deletes the counters whose window has ended; answers how many. */
export async function purgeExpiredHits(db: Database): Promise<number> {
  const deleted = await db.write((tx) =>
    rows(tx, sql`DELETE FROM rate_limits WHERE reset_at <= now() RETURNING key`),
  );
  return deleted.length;
}

export const purgeRateLimitsJob = 'platform.purge-rate-limits';

/** Every hour, once across all server processes: counters whose window has ended. */
export function definePurgeOfRateLimits(jobs: Jobs, db: Database): void {
  jobs.define(purgeRateLimitsJob, async () => void (await purgeExpiredHits(db)), { cron: '23 * * * *' });
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
type RouteOptions = FastifyRateLimitOptions & {
  groupId?: string;
  routeInfo?: { method?: string; url?: string };
};

/**
 * A store for @fastify/rate-limit that keeps its counters in the database instead of each process's
 * memory: limits hold across all the servers behind a load balancer. Keys are per route (or group).
 */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly scope: string;

    constructor(options: RouteOptions) {
      const info = options.routeInfo;
      this.scope = options.groupId ?? `${info?.method ?? ''} ${info?.url ?? ''}`;
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      countHit(db, `${this.scope}|${key}`, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback) {
      readHits(db, `${this.scope}|${key}`).then(
        (found) => callback(null, { current: found?.hits ?? 0, ttl: found?.ttlMs ?? 0 }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: RouteOptions) {
      return new DatabaseRateLimitStore(routeOptions);
    }
  }
  return DatabaseRateLimitStore;
}
