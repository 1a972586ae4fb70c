import { lt } from 'drizzle-orm';
import type { Database } from '../../../server/db/database';
import type { Jobs } from '../../../server/jobs/queue';
import { sessions } from './tables';

export const purgeSessionsJob = 'auth.purge-expired-sessions';

/** Deletes sessions past their expiry (they no longer sign anyone in); answers how many. */
export async function purgeExpiredSessions(db: Database): Promise<number> {
  const deleted = await db.write((tx) =>
    tx
      .delete(sessions)
      .where(lt(sessions.expiresAt, new Date().toISOString()))
      .returning({ hash: sessions.tokenHash }),
  );
  return deleted.length;
}

/** Every hour, once across all server processes. Deleting is idempotent, so a retried run is harmless. */
export function definePurgeOfSessions(jobs: Jobs, db: Database): void {
  jobs.define(purgeSessionsJob, async () => void (await purgeExpiredSessions(db)), { cron: '17 * * * *' });
}
