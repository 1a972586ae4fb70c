import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import type { MailAddress } from '../contract';

/** A captured message as Rapport keeps it, whatever shape it arrived in. */
export interface ParsedMessage {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  sentAt: Date | null;
  text: string | null;
  /** Sanitised: no scripts, event handlers, javascript: links or remote frames. */
  html: string | null;
  attachments: { filename: string; declaredType: string | null; content: Buffer }[];
  /** Why the message could only be read in part (broken MIME), for the review list. */
  problem: string | null;
}

const messageIdPattern = /<[^<>\s]{1,900}>/g;

/** `<a@b>` ids in a header, lowercased so that case never splits a thread. */
function ids(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found =
    text.match(messageIdPattern) ?? (text.trim() ? [`<${text.trim().replace(/^<|>$/g, '')}>`] : []);
  return [...new Set(found.map((id) => id.toLowerCase().slice(0, 998)))];
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  const all = [value ?? []].flat().flatMap((o) => flat(o.value));
  const seen = new Set<string>();
  const out: MailAddress[] = [];
  for (const a of all) {
    const address = a.address?.trim().toLowerCase();
    if (!address || !address.includes('@') || seen.has(address) || address.length > 320) continue;
    seen.add(address);
    out.push({ address, name: (a.name ?? '').trim().slice(0, 300) });
  }
  return out;
}

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'font', 'center']),
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], '*': ['style'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
  });
}

/** The id a message without one gets: the same bytes always give the same id, so copies still dedup. */
function contentId(raw: Buffer): string {
  return `<${createHash('sha256').update(raw).digest('hex')}@no-message-id.rapport.invalid>`;
}

/**
 * Reads a raw RFC 5322 message. Never throws: what mailparser cannot make sense of becomes a
 * message with no parts and a `problem`, so it waits in review instead of being lost.
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  try {
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
    const header = (name: string) => {
      const value = mail.headers.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    const [messageId] = ids(mail.messageId ?? header('message-id'));
    const html = mail.html ? sanitizeMailHtml(mail.html).trim() : null;
    return {
      messageId: messageId ?? contentId(raw),
      inReplyTo: ids(mail.inReplyTo ?? header('in-reply-to'))[0] ?? null,
      references: ids(mail.references),
      from: addresses(mail.from)[0] ?? null,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      subject: mail.subject?.slice(0, 998) ?? null,
      sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
      text: mail.text?.trimEnd() ?? null,
      html,
      attachments: mail.attachments.map((a, i) => ({
        filename: (a.filename ?? `attachment-${i + 1}`).replace(/[\\/\0]/g, '_').slice(0, 255),
        declaredType: a.contentType ?? null,
        content: a.content,
      })),
      problem: null,
    };
  } catch (error) {
    return {
      messageId: contentId(raw),
      inReplyTo: null,
      references: [],
      from: null,
      to: [],
      cc: [],
      subject: null,
      sentAt: null,
      text: raw.subarray(0, 64 * 1024).toString('utf8'),
      html: null,
      attachments: [],
      problem: `The message could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
