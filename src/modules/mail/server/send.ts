import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, NotFound, ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertCanWrite, getRecordJson, writeTransaction, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import type { SendEmailInput } from '../contract';
import { insertAttachments, logEmailActivity, storeAttachments } from './capture';
import type { FileStore } from '../../../server/files/fileStore';
import type { ParsedMessage } from './parse';
import { assertMayEmail } from './consent';
import { assertMergeFields, fillMergeFields, mergeFieldNames, type MergeSources } from './merge';
import { outgoingServer } from './settings';
import { deliverMail, senderDomain } from './transport';
import { templateById } from './templates';

type Json = Record<string, unknown> & { id: string };

/** What another module adds to an email it sends: files (kept with the message) and more records to link. */
export interface EmailExtras {
  attachments?: { store: FileStore; files: ParsedMessage['attachments'] };
  links?: { object: string; id: string }[];
  /**
   * The email carries something arranged with the contact (a quote, a meeting invitation), whose lawful
   * basis is that arrangement, not their consent to be emailed: a withdrawn consent does not stop it.
   */
  arranged?: true;
}

async function replyTarget(ctx: RequestContext, activityId: string) {
  const [parent] = await ctx.db.read((x) =>
    rows<{
      messageId: string;
      threadId: string;
      references: string[];
      subject: string | null;
      from: { address: string } | null;
    }>(
      x,
      sql`SELECT message_id AS "messageId", thread_id AS "threadId", "references", subject, from_address AS "from"
        FROM mail_messages WHERE workspace_id = ${ctx.workspace.id} AND activity_id = ${activityId}`,
    ),
  );
  if (!parent)
    throw new ValidationFailed('Only a captured or sent email can be answered', [
      { path: 'inReplyTo', message: 'is not the id of an email activity' },
    ]);
  return parent;
}

/**
 * Sends an email from a record through the workspace's SMTP server, filled from a template's merge
 * fields, and logs it as an outbound email activity linked to the record, the contact and the
 * account, with its Message-ID so that replies captured later join its thread.
 */
export async function sendEmail(
  platform: Platform,
  ctx: RequestContext,
  input: SendEmailInput,
  extras: EmailExtras = {},
) {
  assertCanWrite(ctx);
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  const load = async (object: string, id: string) => {
    const declared = objects.get(object);
    if (!declared) throw new NotFound(`There is no object called "${object}"`);
    return JSON.parse(await getRecordJson(ctx, declared, id)) as Json;
  };
  const record = await load(input.record.object, input.record.id);
  const contactId = input.contactId ?? (input.record.object === 'contacts' ? record.id : undefined);
  const contact = contactId ? (contactId === record.id ? record : await load('contacts', contactId)) : null;
  const accountId =
    input.record.object === 'accounts'
      ? record.id
      : ((contact?.accountId ?? record.accountId) as string | undefined);
  const account = accountId ? (accountId === record.id ? record : await load('accounts', accountId)) : null;
  // The answered email must be one the caller may see (404 otherwise) before its thread is read.
  if (input.inReplyTo) await load('activities', input.inReplyTo);
  const parent = input.inReplyTo ? await replyTarget(ctx, input.inReplyTo) : null;
  const template = input.templateId ? await templateById(ctx, input.templateId) : null;
  const subject =
    input.subject ??
    template?.subject ??
    (parent ? `Re: ${(parent.subject ?? '').replace(/^re:\s*/i, '')}` : undefined);
  const body = input.body ?? template?.body;
  const format = input.bodyFormat ?? template?.bodyFormat ?? 'text';
  const missing = [
    ...(subject === undefined ? [{ path: 'subject', message: 'is required (or a templateId)' }] : []),
    ...(body === undefined ? [{ path: 'body', message: 'is required (or a templateId)' }] : []),
  ];
  const to =
    input.to ??
    (typeof contact?.email === 'string' ? [contact.email] : parent?.from ? [parent.from.address] : []);
  if (to.length === 0) missing.push({ path: 'to', message: 'is required: the contact has no email address' });
  if (missing.length) throw new ValidationFailed('The email is not complete', missing);
  if (!parent && !extras.arranged) await assertMayEmail(platform, ctx, contact, [...to, ...(input.cc ?? [])]);
  assertMergeFields({ subject: subject!, body: body! }, await mergeFieldNames(platform, ctx));
  const [user] = await ctx.db.read((x) =>
    rows<{ name: string; email: string }>(
      x,
      sql`SELECT name, email FROM users WHERE workspace_id = ${ctx.workspace.id} AND id = ${ctx.userId}`,
    ),
  );
  const sources: MergeSources = { records: { contact, account, user: user ?? null }, fields: {} };
  const filled = {
    subject: fillMergeFields(subject!, sources, 'text'),
    body: fillMergeFields(body!, sources, format),
  };

  const server = await outgoingServer(platform, ctx.workspace.id);
  if (!server) throw new Conflict('No SMTP server is set: an admin sets one in the mail settings');
  const messageId = `<${uuidv7()}@${senderDomain(server)}>`;
  const references = parent ? [...parent.references, parent.messageId] : [];
  await deliverMail(platform, server, {
    to,
    cc: input.cc,
    subject: filled.subject,
    ...(format === 'html' ? { html: filled.body } : { text: filled.body }),
    messageId,
    attachments: extras.attachments?.files.map((f) => ({
      filename: f.filename,
      content: f.content,
      ...(f.declaredType ? { contentType: f.declaredType } : {}),
    })),
    ...(parent ? { inReplyTo: parent.messageId, references } : {}),
  });

  const files = extras.attachments
    ? await storeAttachments(extras.attachments.store, ctx.workspace.id, extras.attachments.files)
    : [];
  const id = uuidv7();
  const links = [
    { object: input.record.object, id: record.id },
    ...(contact && contact.id !== record.id ? [{ object: 'contacts', id: contact.id }] : []),
    ...(account && account.id !== record.id ? [{ object: 'accounts', id: account.id }] : []),
    ...(extras.links ?? []),
  ];
  const addresses = to.map((address) => ({ address: address.toLowerCase(), name: '' }));
  const cc = (input.cc ?? []).map((address) => ({ address: address.toLowerCase(), name: '' }));
  const activityId = await writeTransaction(ctx, objects, async (records, tx) => {
    await tx.execute(
      sql`INSERT INTO mail_messages (workspace_id, id, message_id, thread_id, in_reply_to, "references", source,
          direction, from_address, to_addresses, cc_addresses, subject, body_text, body_html, privacy, sent_at, status)
        VALUES (${ctx.workspace.id}, ${id}, ${messageId.toLowerCase()}, ${parent?.threadId ?? id}, ${parent?.messageId ?? null},
          ${JSON.stringify(references)}::jsonb, 'sent', 'outbound',
          ${JSON.stringify({ address: server.fromAddress.toLowerCase(), name: server.fromName ?? '' })}::jsonb,
          ${JSON.stringify(addresses)}::jsonb, ${JSON.stringify(cc)}::jsonb, ${filled.subject},
          ${format === 'text' ? filled.body : null}, ${format === 'html' ? filled.body : null}, 'body', now(), 'imported')`,
    );
    await insertAttachments(tx, ctx.workspace.id, id, files);
    return logEmailActivity(
      records,
      tx,
      ctx,
      { id, direction: 'outbound', privacy: 'body', occurredAt: new Date().toISOString() },
      {
        subject: filled.subject,
        from: null,
        text: format === 'text' ? filled.body : null,
        html: format === 'html' ? filled.body : null,
      },
      links,
      [
        { email: server.fromAddress, userId: ctx.userId, role: 'from' },
        ...addresses.map((a) => ({
          email: a.address,
          role: 'to' as const,
          ...(contact?.email === a.address ? { contactId: contact.id } : {}),
        })),
        ...cc.map((a) => ({ email: a.address, role: 'cc' as const })),
      ],
    );
  });
  return { activityId, messageId, to };
}
