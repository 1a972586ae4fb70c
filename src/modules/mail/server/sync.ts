import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../../../server/db/database';
import type { ObjectMap, RequestContext } from '../../../server/engine';
import { checkOutboundHost, HostRefused } from '../../../server/outboundHosts';
import type { Platform } from '../../../server/platform';
import type { MailPrivacy } from '../contract';
import { captureMessage, type CaptureOutcome } from './capture';
import type { FileStore } from '../../../server/files/fileStore';
import { maxMessageBytes } from './inbound';
import { staleAfterMs } from './mailboxes';

export const syncJob = 'mail.sync';
export const syncAllJob = 'mail.sync-all';

interface MailboxForSync {
  workspaceId: string;
  id: string;
  userId: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  folder: string;
  privacy: MailPrivacy;
  uidValidity: number | null;
  lastUid: number;
}

/** An IMAP or network failure as the mailbox's owner can act on it. */
export function plainError(error: unknown, box: { host: string; port: number }): string {
  if (error instanceof HostRefused) return error.message;
  const e = error as {
    code?: string;
    authenticationFailed?: boolean;
    responseText?: string;
    message?: string;
  };
  if (e.authenticationFailed)
    return `The server refused the user name or password${e.responseText ? ` (${e.responseText})` : ''}`;
  if (e.code === 'ECONNREFUSED') return `Nothing answers at ${box.host}:${box.port}`;
  if (e.code === 'ENOTFOUND') return `The host ${box.host} does not exist`;
  if (e.code === 'ETIMEDOUT' || e.code === 'ConnectionTimeout')
    return `${box.host}:${box.port} did not answer in time`;
  if (e.code === 'NoMailbox' || /mailbox doesn't exist/i.test(e.responseText ?? ''))
    return `The folder does not exist on the server`;
  return e.responseText ?? e.message ?? String(error);
}

/**
 * Fetches what arrived since the last UID (all again when UIDVALIDITY changed) and captures each
 * message through the same path as the listener, then records the mailbox's health. A message
 * larger than the limit is counted failed and named; a failure of the connection stops the run
 * where it was, so the next run starts from the first message not yet captured.
 */
export async function syncMailbox(
  platform: Platform,
  objects: (ctx: RequestContext) => Promise<ObjectMap>,
  store: FileStore,
  workspaceId: string,
  mailboxId: string,
): Promise<void> {
  const [box] = await platform.db.read((x) =>
    rows<MailboxForSync>(
      x,
      sql`SELECT workspace_id AS "workspaceId", id, user_id AS "userId", host, port, secure, username, password, folder,
          privacy, uid_validity AS "uidValidity", last_uid AS "lastUid"
        FROM mailboxes WHERE workspace_id = ${workspaceId} AND id = ${mailboxId}`,
    ),
  );
  if (!box) return;
  const counts = { seen: 0, imported: 0, failed: 0 };
  let lastUid = Number(box.lastUid);
  let uidValidity = box.uidValidity === null ? null : Number(box.uidValidity);
  let note: string | null = null;
  const finish = (success: boolean, error: string | null) =>
    platform.db.write((tx) =>
      tx.execute(sql`UPDATE mailboxes SET last_attempt_at = now(), seen = seen + ${counts.seen},
          imported = imported + ${counts.imported}, failed = failed + ${counts.failed}, last_uid = ${lastUid},
          uid_validity = ${uidValidity}, last_error = ${error}
          ${success ? sql`, last_success_at = now(), alerted_at = NULL` : sql``}
        WHERE workspace_id = ${workspaceId} AND id = ${mailboxId}`),
    );
  let client: ImapFlow | null = null;
  try {
    const target = await checkOutboundHost(box.host, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
    client = new ImapFlow({
      host: target.address,
      port: box.port,
      secure: box.secure,
      servername: target.host,
      auth: { user: box.username, pass: platform.secrets.open(box.password) },
      logger: false,
      disableAutoIdle: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    const lock = await client.getMailboxLock(box.folder);
    try {
      const opened = client.mailbox === false ? null : client.mailbox;
      const validity = Number(opened?.uidValidity ?? 0);
      if (validity !== uidValidity) lastUid = 0;
      uidValidity = validity;
      const waiting: { uid: number; size: number }[] = [];
      for await (const m of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true }))
        if (m.uid > lastUid) waiting.push({ uid: m.uid, size: m.size ?? 0 });
      for (const { uid, size } of waiting.sort((a, b) => a.uid - b.uid)) {
        counts.seen++;
        if (size > maxMessageBytes) {
          counts.failed++;
          note = `Message ${uid} is ${Math.ceil(size / 1024 / 1024)} MB, over the 25 MB limit, and was skipped`;
        } else {
          const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!fetched || !fetched.source) {
            counts.failed++;
            note = `Message ${uid} vanished from the server before it could be read`;
          } else {
            const outcome: CaptureOutcome = await captureMessage(platform, objects, store, {
              workspaceId,
              source: 'imap',
              mailboxId,
              userId: box.userId,
              privacy: box.privacy,
              raw: fetched.source,
            });
            if (outcome === 'imported') counts.imported++;
          }
        }
        lastUid = uid;
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await finish(true, note);
  } catch (error) {
    client?.close();
    await finish(false, plainError(error, box));
  }
}

/** Every mailbox's sync, and an alert to the owners of mailboxes that have not synced for an hour. */
export async function syncAll(platform: Platform): Promise<void> {
  const boxes = await platform.db.read((x) =>
    rows<{ workspaceId: string; id: string }>(
      x,
      sql`SELECT workspace_id AS "workspaceId", id FROM mailboxes`,
    ),
  );
  for (const box of boxes)
    await platform.jobs.send(
      syncJob,
      { workspaceId: box.workspaceId, mailboxId: box.id },
      { singletonKey: box.id },
    );
  await alertStaleMailboxes(platform);
}

/** One notification per stale spell (its key names the last success), so an owner is told once, not hourly. */
export async function alertStaleMailboxes(platform: Platform): Promise<number> {
  const cutoff = new Date(Date.now() - staleAfterMs).toISOString();
  return platform.db.write(async (tx) => {
    const stale = await rows<{
      workspaceId: string;
      id: string;
      userId: string;
      host: string;
      username: string;
      since: string;
    }>(
      tx,
      sql`UPDATE mailboxes SET alerted_at = now()
        WHERE alerted_at IS NULL AND coalesce(last_success_at, created_at) < ${cutoff}::timestamptz
        RETURNING workspace_id AS "workspaceId", id, user_id AS "userId", host, username,
          coalesce(last_success_at, created_at)::text AS since`,
    );
    for (const box of stale)
      await tx.execute(sql`INSERT INTO notifications (workspace_id, id, user_id, kind, title, dedupe_key)
        VALUES (${box.workspaceId}, ${uuidv7()}, ${box.userId}, 'mailboxStale',
          ${`Your mailbox ${box.username} at ${box.host} has not synced for over an hour`},
          ${`mailbox-stale:${box.id}:${box.since}`})
        ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`);
    return stale.length;
  });
}
