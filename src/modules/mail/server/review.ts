import { sql, type SQL } from 'drizzle-orm';
import { Conflict, NotFound, ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  assertCanWrite,
  getRecordJson,
  writeTransaction,
  type Records,
  type RequestContext,
} from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import type { MailAddress, MailPrivacy, ReviewItem } from '../contract';
import { logEmailActivity } from './capture';
import { messageRef } from './origin';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Messages of the inbound address are the team's; a mailbox's wait for its owner alone (its privacy). */
function mine(ctx: RequestContext): SQL {
  return sql`(m.mailbox_id IS NULL OR EXISTS (SELECT 1 FROM mailboxes b
    WHERE b.workspace_id = m.workspace_id AND b.id = m.mailbox_id AND b.user_id = ${ctx.userId}))`;
}

function readCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new ValidationFailed('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor' }]);
  return { at, id };
}

/** Captured messages that matched nobody, newest first, keyset-paginated. */
export async function listReview(ctx: RequestContext, query: { limit: number; cursor?: string }) {
  const after = query.cursor ? readCursor(query.cursor) : null;
  const found = await ctx.db.read((x) =>
    rows<ReviewItem & { at: string }>(
      x,
      sql`SELECT m.id, m.message_id AS "messageId", m.from_address AS "from", m.to_addresses AS "to",
          m.cc_addresses AS "cc", m.subject, ${iso('m.sent_at')} AS "sentAt", ${iso('m.received_at')} AS "receivedAt",
          m.source, m.mailbox_id AS "mailboxId", m.problem,
          (SELECT count(*)::int FROM mail_attachments a WHERE a.workspace_id = m.workspace_id AND a.mail_id = m.id) AS attachments,
          ${iso('m.received_at')} AS at
        FROM mail_messages m
        WHERE m.workspace_id = ${ctx.workspace.id} AND m.status = 'review' AND ${mine(ctx)}
          ${after ? sql`AND (m.received_at, m.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        ORDER BY m.received_at DESC, m.id DESC LIMIT ${query.limit + 1}`,
    ),
  );
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(({ at: _at, ...item }) => item),
    nextCursor:
      found.length > query.limit && last ? Buffer.from(`${last.at}|${last.id}`).toString('base64url') : null,
  };
}

interface Waiting {
  id: string;
  direction: 'inbound' | 'outbound';
  privacy: MailPrivacy;
  from: MailAddress | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  occurredAt: string;
}

async function takeWaiting(ctx: RequestContext, tx: Executor, id: string): Promise<Waiting> {
  const [item] = await rows<Waiting & { status: string }>(
    tx,
    sql`SELECT m.id, m.direction, m.privacy, m.from_address AS "from", m.subject, m.body_text AS text,
        m.body_html AS html, m.status, ${iso('coalesce(m.sent_at, m.received_at)')} AS "occurredAt"
      FROM mail_messages m WHERE m.workspace_id = ${ctx.workspace.id} AND m.id = ${id} AND ${mine(ctx)} FOR UPDATE`,
  );
  if (!item) throw new NotFound(`No message waiting for review with id ${id}`);
  if (item.status !== 'review') throw new Conflict(`The message was already ${item.status}`);
  return item;
}

async function linkTo(
  ctx: RequestContext,
  records: Records,
  tx: Executor,
  item: Waiting,
  contact: { id: string; accountId?: unknown },
) {
  const links = [{ object: 'contacts', id: contact.id }];
  if (typeof contact.accountId === 'string') links.push({ object: 'accounts', id: contact.accountId });
  const participants = item.from
    ? [{ email: item.from.address, contactId: contact.id, role: 'from' as const }]
    : [];
  return logEmailActivity(records, tx, ctx, item, item, links, participants);
}

/** Files a waiting message under an existing contact (and its account). */
export async function linkReviewItem(platform: Platform, ctx: RequestContext, id: string, contactId: string) {
  assertCanWrite(ctx);
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  const contact = JSON.parse(await getRecordJson(ctx, objects.get('contacts')!, contactId)) as {
    id: string;
    accountId?: unknown;
  };
  return writeTransaction(ctx, objects, async (records, tx) => {
    const item = await takeWaiting(ctx, tx, id);
    return { activityId: await linkTo(ctx, records, tx, item, contact), contactId: contact.id };
  });
}

/** Makes the sender a contact (named from the message unless named here) and files the message under it. */
export async function createContactFromReview(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  input: { firstName?: string; lastName?: string; accountId?: string },
) {
  assertCanWrite(ctx);
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  // The contact's fields came from the message: its history says which (shown in provenance).
  const fromMessage = { ...ctx, sourceRef: messageRef(id) };
  return writeTransaction(fromMessage, objects, async (records, tx) => {
    const item = await takeWaiting(ctx, tx, id);
    if (!item.from) throw new Conflict('The message has no sender address to make a contact of');
    const [first, ...rest] = (item.from.name || item.from.address.split('@')[0]).split(/\s+/);
    const names =
      input.firstName || input.lastName
        ? { firstName: input.firstName, lastName: input.lastName }
        : { firstName: first, lastName: rest.join(' ') || undefined };
    const [created] = await records.create('contacts', [
      { body: { ...names, email: item.from.address, accountId: input.accountId }, path: '' },
    ]);
    const contact = JSON.parse(created.json) as { id: string; accountId?: unknown };
    return { activityId: await linkTo(fromMessage, records, tx, item, contact), contactId: contact.id };
  });
}

export async function dismissReviewItem(ctx: RequestContext, id: string) {
  assertCanWrite(ctx);
  await ctx.db.write(async (tx) => {
    await takeWaiting(ctx, tx, id);
    await tx.execute(
      sql`UPDATE mail_messages SET status = 'dismissed' WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    );
  });
}
