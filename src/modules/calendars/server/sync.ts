import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { userContext } from '../../../server/seed/context';
import type { Platform } from '../../../server/platform';
import { accountOf } from './connections';
import { DavError } from './dav';
import { discoverCalendars } from './discovery';
import { pullEvents } from './pull';
import { pushMeetings } from './push';
import type { SyncRun } from './run';

export const syncJob = 'calendars.sync';
export const syncAllJob = 'calendars.sync-all';

/** A run holds its connection this long at most; a worker that died frees it when it passes. */
const leaseMinutes = 15;
const dayMs = 24 * 60 * 60 * 1000;
const logLimit = 50;

/** Takes the connection for this run, or answers null when another run holds it or no calendar is chosen. */
async function lease(platform: Platform, workspaceId: string, id: string) {
  const [taken] = await platform.db.write((tx) =>
    rows<{
      userId: string;
      calendarUrl: string;
      calendarName: string | null;
      syncToken: string | null;
      ctag: string | null;
    }>(
      tx,
      sql`UPDATE calendar_connections SET lease_until = now() + make_interval(mins => ${leaseMinutes})
        WHERE workspace_id = ${workspaceId} AND id = ${id} AND calendar_url IS NOT NULL
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING user_id AS "userId", calendar_url AS "calendarUrl", calendar_name AS "calendarName",
          sync_token AS "syncToken", ctag`,
    ),
  );
  return taken ?? null;
}

/**
 * One sync of a connection: the calendar's changes come in first, then the user's meetings go out,
 * so that a change made on both sides is settled (newest wins) before anything is written. Counts,
 * the log and the error are recorded whatever happens; the sync token advances only on success,
 * and every event is noted as it is done, so a run cut short is taken up by the next one.
 */
export async function syncConnection(platform: Platform, workspaceId: string, id: string): Promise<void> {
  const taken = await lease(platform, workspaceId, id);
  if (!taken) return;
  const now = Date.now();
  const counts = { seen: 0, imported: 0, updated: 0, pushed: 0, failed: 0 };
  const log: string[] = [];
  let { syncToken, ctag } = taken;
  let calendarName = taken.calendarName;
  let error: string | null = null;
  let succeeded = false;
  try {
    const user = await userContext(platform.db, workspaceId, taken.userId);
    if (!user) throw new DavError('Your user is disabled, so your calendar is not synced');
    const { url, account } = await accountOf(platform, workspaceId, id);
    const run: SyncRun = {
      platform,
      ctx: { ...user, actor: { type: 'system', id: null, name: 'Calendar sync' }, source: 'calendarSync' },
      objects: await platform.registry.objects(platform.db, user.workspace, user.role),
      connectionId: id,
      calendarUrl: taken.calendarUrl,
      account,
      syncToken,
      ctag,
      counts,
      log,
      window: {
        from: new Date(now - 30 * dayMs).toISOString(),
        to: new Date(now + 365 * dayMs).toISOString(),
      },
    };
    if (calendarName === null)
      calendarName =
        (await discoverCalendars(account, url)).find((c) => c.url === taken.calendarUrl)?.name ?? null;
    ({ syncToken, ctag } = await pullEvents(run));
    await pushMeetings(run);
    succeeded = true;
  } catch (caught) {
    error =
      caught instanceof DavError
        ? caught.message
        : `The sync stopped on an unexpected error: ${(caught as Error).message}`;
    // A failure of Rapport's own, not of the server: the job fails and is retried.
    if (!(caught instanceof DavError)) throw caught;
  } finally {
    await platform.db.write((tx) =>
      tx.execute(sql`UPDATE calendar_connections SET last_attempt_at = now(), lease_until = NULL,
          seen = seen + ${counts.seen}, imported = imported + ${counts.imported}, updated = updated + ${counts.updated},
          pushed = pushed + ${counts.pushed}, failed = failed + ${counts.failed}, last_error = ${error},
          log = ${JSON.stringify(log.slice(-logLimit))}::jsonb, calendar_name = ${calendarName}
          ${succeeded ? sql`, last_success_at = now(), sync_token = ${syncToken}, ctag = ${ctag}` : sql``}
        WHERE workspace_id = ${workspaceId} AND id = ${id}`),
    );
  }
}

/** Queues every connection's sync, one at a time per connection. */
export async function syncAll(platform: Platform): Promise<void> {
  const connections = await platform.db.read((x) =>
    rows<{ workspaceId: string; id: string }>(
      x,
      sql`SELECT workspace_id AS "workspaceId", id FROM calendar_connections WHERE calendar_url IS NOT NULL`,
    ),
  );
  for (const c of connections) await queueSync(platform, c.workspaceId, c.id);
}

export const queueSync = (platform: Platform, workspaceId: string, connectionId: string) =>
  platform.jobs.send(syncJob, { workspaceId, connectionId }, { singletonKey: connectionId });
