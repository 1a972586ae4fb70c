import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertCanWrite, type RequestContext } from '../../../server/engine';
import { checkOutboundHost } from '../../../server/outboundHosts';
import type { Platform } from '../../../server/platform';
import type { Mailbox, mailboxInput, mailboxPatch } from '../contract';

/** No successful sync for this long makes a mailbox stale, and its owner is told. */
export const staleAfterMs = 60 * 60 * 1000;

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

interface MailboxRow extends Omit<Mailbox, 'health' | 'passwordSet'> {
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  seen: number;
  imported: number;
  failed: number;
  waitingForReview: number;
  lastError: string | null;
}

const selectMailboxes = (
  ctx: RequestContext,
) => sql`SELECT b.id, b.user_id AS "userId", b.host, b.port, b.secure,
    b.username AS "user", b.folder, b.privacy, ${iso('b.last_success_at')} AS "lastSuccessAt",
    ${iso('b.last_attempt_at')} AS "lastAttemptAt", ${iso('b.created_at')} AS "createdAt", b.seen, b.imported, b.failed,
    b.last_error AS "lastError",
    (SELECT count(*)::int FROM mail_messages m WHERE m.workspace_id = b.workspace_id AND m.mailbox_id = b.id
      AND m.status = 'review') AS "waitingForReview"
  FROM mailboxes b WHERE b.workspace_id = ${ctx.workspace.id} AND b.user_id = ${ctx.userId}`;

/**
 * Health as it is, never rosier: a mailbox that has not synced within the hour is stale even if its
 * last attempt raised no error, and one whose last attempt failed says so with the error in words.
 */
function withHealth(row: MailboxRow, now = Date.now()): Mailbox {
  const {
    lastSuccessAt,
    lastAttemptAt,
    createdAt,
    seen,
    imported,
    failed,
    waitingForReview,
    lastError,
    ...rest
  } = row;
  const attemptFailed =
    lastAttemptAt !== null && (lastSuccessAt === null || lastAttemptAt > lastSuccessAt) && lastError !== null;
  const since = Date.parse(lastSuccessAt ?? createdAt);
  const state = attemptFailed
    ? 'failing'
    : now - since > staleAfterMs
      ? 'stale'
      : lastSuccessAt === null
        ? 'waiting'
        : 'ok';
  return {
    ...rest,
    passwordSet: true,
    health: { state, lastSuccessAt, lastAttemptAt, seen, imported, waitingForReview, failed, lastError },
  };
}

export async function listMailboxes(ctx: RequestContext): Promise<Mailbox[]> {
  const found = await ctx.db.read((x) =>
    rows<MailboxRow>(x, sql`${selectMailboxes(ctx)} ORDER BY b.created_at, b.id`),
  );
  return found.map((row) => withHealth(row));
}

export async function mailboxOf(ctx: RequestContext, id: string): Promise<Mailbox> {
  const [found] = await ctx.db.read((x) =>
    rows<MailboxRow>(x, sql`${selectMailboxes(ctx)} AND b.id = ${id}`),
  );
  if (!found) throw new NotFound(`No mailbox of yours with id ${id}`);
  return withHealth(found);
}

/** Adds the caller's mailbox (the host passes the outbound guard; the password is sealed) and syncs it at once. */
export async function addMailbox(
  platform: Platform,
  ctx: RequestContext,
  input: z.infer<typeof mailboxInput>,
) {
  assertCanWrite(ctx);
  await checkOutboundHost(input.host, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO mailboxes (workspace_id, id, user_id, host, port, secure, username, password, folder, privacy)
      VALUES (${ctx.workspace.id}, ${id}, ${ctx.userId}, ${input.host}, ${input.port}, ${input.secure}, ${input.user},
        ${platform.secrets.seal(input.password)}, ${input.folder}, ${input.privacy})`),
  );
  return id;
}

export async function changeMailbox(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof mailboxPatch>,
) {
  assertCanWrite(ctx);
  await mailboxOf(ctx, id);
  if (input.host) await checkOutboundHost(input.host, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
  const sets = [
    ...(input.host !== undefined ? [sql`host = ${input.host}`] : []),
    ...(input.port !== undefined ? [sql`port = ${input.port}`] : []),
    ...(input.secure !== undefined ? [sql`secure = ${input.secure}`] : []),
    ...(input.user !== undefined ? [sql`username = ${input.user}`] : []),
    ...(input.password !== undefined ? [sql`password = ${platform.secrets.seal(input.password)}`] : []),
    // Another folder is another UID space: start it from the beginning (Message-IDs keep copies out).
    ...(input.folder !== undefined ? [sql`folder = ${input.folder}, uid_validity = NULL, last_uid = 0`] : []),
    ...(input.privacy !== undefined ? [sql`privacy = ${input.privacy}`] : []),
  ];
  if (sets.length)
    await ctx.db.write((tx) =>
      tx.execute(
        sql`UPDATE mailboxes SET ${sql.join(sets, sql`, `)} WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
      ),
    );
}

export async function removeMailbox(ctx: RequestContext, id: string) {
  assertCanWrite(ctx);
  await mailboxOf(ctx, id);
  await ctx.db.write((tx) =>
    tx.execute(sql`DELETE FROM mailboxes WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`),
  );
}
