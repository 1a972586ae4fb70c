import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { rows, type Executor } from '../../../server/db/database';
import { writeTransaction, type ObjectMap, type Records, type RequestContext } from '../../../server/engine';
import { systemContext } from '../../../server/seed/context';
import type { Platform } from '../../../server/platform';
import type { Participant } from '../../activities/contract';
import type { MailAddress, MailPrivacy } from '../contract';
import type { FileStore } from '../../../server/files/fileStore';
import { recordEmailBounces } from '../../quality/server';
import { deliveryReportOf } from './bounce';
import { matchAddresses, type Match } from './matching';
import { parseMessage, type ParsedMessage } from './parse';
import { sniffContentType } from '../../../server/files/sniff';

export type CaptureOutcome = 'imported' | 'review' | 'duplicate' | 'bounce';

export interface Capture {
  workspaceId: string;
  source: 'smtp' | 'imap';
  mailboxId: string | null;
  /** The user the message is captured for (a mailbox's owner); else the sender when a user, else an admin. */
  userId: string | null;
  privacy: MailPrivacy;
  raw: Buffer;
}

const validEmail = z.email();

/** A context acting for `userId` as the email capture, so history says where the activity came from. */
export async function captureContext(platform: Platform, workspaceId: string, userId: string) {
  const ctx = await systemContext(platform.db, workspaceId, userId);
  return {
    ...ctx,
    actor: { type: 'system' as const, id: null, name: 'Email capture' },
    source: 'email' as const,
  };
}

async function fallbackUser(tx: Executor, workspaceId: string): Promise<string> {
  const [admin] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM users WHERE workspace_id = ${workspaceId} AND NOT disabled
      ORDER BY (role = 'admin') DESC, created_at LIMIT 1`,
  );
  return admin.id;
}

function participantsOf(message: ParsedMessage, match: Match): Participant[] {
  const contactOf = new Map(match.contacts.map((c) => [c.email, c.id]));
  const entry = (a: MailAddress, role: 'from' | 'to' | 'cc'): Participant[] =>
    validEmail.safeParse(a.address).success
      ? [
          {
            email: a.address,
            ...(a.name ? { name: a.name.slice(0, 300) } : {}),
            ...(contactOf.has(a.address) ? { contactId: contactOf.get(a.address) } : {}),
            role,
          },
        ]
      : [];
  return [
    ...(message.from ? entry(message.from, 'from') : []),
    ...message.to.flatMap((a) => entry(a, 'to')),
    ...message.cc.flatMap((a) => entry(a, 'cc')),
  ].slice(0, 200);
}

/** The subject the team sees: the real one unless the source shares metadata only. */
export function visibleSubject(message: Pick<ParsedMessage, 'subject' | 'from'>, privacy: MailPrivacy) {
  if (privacy !== 'metadata') return (message.subject ?? '(no subject)').slice(0, 500);
  return `Email from ${message.from?.address ?? 'an unknown sender'}`.slice(0, 500);
}

/** Creates the email activity of a stored message and links the message to it. */
export async function logEmailActivity(
  records: Records,
  tx: Executor,
  ctx: RequestContext,
  mail: { id: string; direction: 'inbound' | 'outbound'; privacy: MailPrivacy; occurredAt: string },
  message: Pick<ParsedMessage, 'subject' | 'from' | 'text' | 'html'>,
  links: { object: string; id: string }[],
  participants: Participant[],
): Promise<string> {
  const body =
    mail.privacy !== 'body'
      ? null
      : message.html
        ? { body: message.html.slice(0, 200_000), bodyFormat: 'html' }
        : { body: (message.text ?? '').slice(0, 200_000), bodyFormat: 'text' };
  const [activity] = await records.create('activities', [
    {
      body: {
        type: 'email',
        direction: mail.direction,
        channel: 'email',
        subject: visibleSubject(message, mail.privacy),
        ...(body ?? {}),
        occurredAt: mail.occurredAt,
        assigneeId: ctx.userId,
        ownerId: ctx.userId,
        participants,
        links,
      },
      path: 'activity',
    },
  ]);
  await tx.execute(
    sql`UPDATE mail_messages SET activity_id = ${activity.id}, status = 'imported'
      WHERE workspace_id = ${ctx.workspace.id} AND id = ${mail.id}`,
  );
  return activity.id;
}

/** Keeps a message's files in the store, by content, with their sniffed type. */
export async function storeAttachments(
  store: FileStore,
  workspaceId: string,
  attachments: ParsedMessage['attachments'],
) {
  return Promise.all(
    attachments.map(async (a) => {
      const sha256 = createHash('sha256').update(a.content).digest('hex');
      const storageKey = `mail/${workspaceId}/${sha256}`;
      await store.put(storageKey, a.content);
      return { ...a, sha256, storageKey, contentType: sniffContentType(a.content) };
    }),
  );
}

/** Records a stored message's files, in the message's transaction. */
export async function insertAttachments(
  tx: Executor,
  workspaceId: string,
  mailId: string,
  files: Awaited<ReturnType<typeof storeAttachments>>,
) {
  for (const f of files)
    await tx.execute(
      sql`INSERT INTO mail_attachments (workspace_id, id, mail_id, filename, declared_type, content_type, size, sha256, storage_key)
        VALUES (${workspaceId}, ${uuidv7()}, ${mailId}, ${f.filename}, ${f.declaredType}, ${f.contentType},
          ${f.content.length}, ${f.sha256}, ${f.storageKey})`,
    );
}

/**
 * Stores one raw message once per Message-ID in its workspace: as an email activity linked to the
 * contacts and accounts it matches, or, matching none, in the review list. Safe to run again for the
 * same message (the job queue delivers at least once): the second run finds it and does nothing.
 */
export async function captureMessage(
  platform: Platform,
  objects: (ctx: RequestContext) => Promise<ObjectMap>,
  store: FileStore,
  capture: Capture,
): Promise<CaptureOutcome> {
  const message = await parseMessage(capture.raw);
  const { workspaceId, privacy } = capture;
  const people = [...(message.from ? [message.from] : []), ...message.to, ...message.cc];
  // One read for what decides the capture: seen before, whom it matches, whose it is.
  // A bounce is about the addresses it failed to reach, not from a sender to review.
  const report = deliveryReportOf(capture.raw, message.from?.address ?? null, message.subject);
  const found = await platform.db.read(async (x) => {
    const [known] = await rows(
      x,
      sql`SELECT 1 FROM mail_messages WHERE workspace_id = ${workspaceId} AND message_id = ${message.messageId}`,
    );
    if (known) return null;
    const match = await matchAddresses(
      x,
      workspaceId,
      report ? report.failed.map((f) => ({ address: f.address, name: '' })) : people,
      report ? null : message.from,
      platform.settings.RAPPORT_MAIL_DOMAIN,
    );
    const userId = capture.userId ?? match.senderUserId ?? (await fallbackUser(x, workspaceId));
    return { match, userId };
  });
  if (!found) return 'duplicate';
  const { match, userId } = found;
  // Files are content too: below full-body privacy none is kept.
  const files = privacy === 'body' ? await storeAttachments(store, workspaceId, message.attachments) : [];
  const ctx = await captureContext(platform, workspaceId, userId);
  const direction = match.senderUserId ? 'outbound' : 'inbound';
  const id = uuidv7();
  return writeTransaction(ctx, await objects(ctx), async (records, tx) => {
    const threadIds = [message.inReplyTo, ...message.references].filter((m): m is string => m !== null);
    const [parent] = threadIds.length
      ? await rows<{ threadId: string }>(
          tx,
          sql`SELECT thread_id AS "threadId" FROM mail_messages WHERE workspace_id = ${workspaceId}
            AND message_id = ANY(${`{${threadIds.map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]) LIMIT 1`,
        )
      : [];
    const inserted = await rows(
      tx,
      sql`INSERT INTO mail_messages (workspace_id, id, message_id, thread_id, in_reply_to, "references", source,
          mailbox_id, direction, from_address, to_addresses, cc_addresses, subject, body_text, body_html, privacy,
          sent_at, status, problem)
        VALUES (${workspaceId}, ${id}, ${message.messageId}, ${parent?.threadId ?? id}, ${message.inReplyTo},
          ${JSON.stringify(message.references)}::jsonb, ${capture.source}, ${capture.mailboxId}, ${direction},
          ${JSON.stringify(message.from)}::jsonb, ${JSON.stringify(message.to)}::jsonb, ${JSON.stringify(message.cc)}::jsonb,
          ${privacy === 'metadata' ? null : message.subject}, ${privacy === 'body' ? message.text : null},
          ${privacy === 'body' ? message.html : null}, ${privacy}, ${message.sentAt?.toISOString() ?? null},
          ${report ? 'dismissed' : 'review'},
          ${message.problem})
        ON CONFLICT (workspace_id, message_id) DO NOTHING RETURNING id`,
    );
    // Another capture of the same message (its BCC copy and the mailbox sync) committed first.
    if (inserted.length === 0) return 'duplicate';
    await insertAttachments(tx, workspaceId, id, files);
    if (report) {
      const reasonOf = new Map(report.failed.map((f) => [f.address, f.reason]));
      await recordEmailBounces(
        tx,
        workspaceId,
        id,
        message.sentAt ?? new Date(),
        match.contacts.map((c) => ({
          contactId: c.id,
          address: c.email,
          reason: reasonOf.get(c.email) ?? '',
        })),
      );
      // An update that changes nothing else has the contacts' "Email bounced" brought up to date.
      await records.update(
        'contacts',
        match.contacts.map((c) => ({ id: c.id, body: {}, path: '' })),
      );
      return 'bounce';
    }
    if (match.contacts.length === 0 && match.accountIds.length === 0) return 'review';
    const links = [
      ...match.contacts.map((c) => ({ object: 'contacts', id: c.id })),
      ...match.accountIds.map((accountId) => ({ object: 'accounts', id: accountId })),
    ];
    await logEmailActivity(
      records,
      tx,
      ctx,
      { id, direction, privacy, occurredAt: (message.sentAt ?? new Date()).toISOString() },
      message,
      links,
      participantsOf(message, match),
    );
    return 'imported';
  });
}
