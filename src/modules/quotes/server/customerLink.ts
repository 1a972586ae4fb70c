import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, DomainError, NotFound } from '../../../common/errors';
import { rows, type Database } from '../../../server/db/database';
import { writeTransaction, type Registry, type RequestContext } from '../../../server/engine';
import { systemContext } from '../../../server/seed/context';
import type { PublicQuote, QuoteLine, QuoteStatus } from '../contract';
import { quoteSettingsOf } from './settings';
import { quoteLinks } from './tables';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** Every bad link gets the same answer, so a guess learns nothing about what exists. */
const noSuchLink = () => new NotFound('No such quote link');

class Gone extends DomainError {
  constructor(detail: string) {
    super(410, 'Gone', detail);
  }
}

/** A new customer link for a quote: 32 random bytes; only their hash is kept. */
export async function createQuoteLink(ctx: RequestContext, quoteId: string, expiresInDays: number) {
  const token = `rq_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  await ctx.db.write((tx) =>
    tx.insert(quoteLinks).values({
      workspaceId: ctx.workspace.id,
      id: uuidv7(),
      quoteId,
      tokenHash: hashOf(token),
      expiresAt: expiresAt.toISOString(),
      createdBy: ctx.userId,
    }),
  );
  return { token, expiresAt: expiresAt.toISOString() };
}

interface LinkedQuote {
  workspace_id: string;
  quote_id: string;
  expired: boolean;
  owner_id: string | null;
}

/** The live quote a token opens; a malformed, unknown or expired token answers 404 or 410 and nothing else. */
async function linkOf(db: Database, token: string): Promise<LinkedQuote> {
  if (!/^rq_[A-Za-z0-9_-]{43}$/.test(token)) throw noSuchLink();
  const [link] = await db.read((x) =>
    rows<LinkedQuote>(
      x,
      sql`SELECT l.workspace_id, l.quote_id, l.expires_at < now() AS expired, q.owner_id
        FROM quote_links l JOIN quotes q ON q.workspace_id = l.workspace_id AND q.id = l.quote_id AND q.deleted_at IS NULL
        WHERE l.token_hash = ${hashOf(token)}`,
    ),
  );
  if (!link) throw noSuchLink();
  if (link.expired) throw new Gone('This quote link has expired; ask your contact for a new one');
  return link;
}

interface QuoteRow {
  number: number;
  revision: number;
  status: QuoteStatus;
  currency: string;
  valid_until: string | null;
  terms: string | null;
  lines: QuoteLine[];
  subtotal: string;
  discount_total: string;
  tax_total: string;
  total: string;
  accepted_by_name: string | null;
  accepted_at: string | null;
}

/** What the customer sees: this quote's lines, totals and status, and the company's name. */
export async function publicQuoteOf(db: Database, token: string): Promise<PublicQuote> {
  const link = await linkOf(db, token);
  const [q] = await db.read((x) =>
    rows<QuoteRow>(
      x,
      sql`SELECT number, revision, status, currency, valid_until::text, terms, lines, subtotal::text,
          discount_total::text, tax_total::text, total::text, accepted_by_name, accepted_at::text
        FROM quotes WHERE workspace_id = ${link.workspace_id} AND id = ${link.quote_id}`,
    ),
  );
  const settings = await db.read((x) => quoteSettingsOf(x, link.workspace_id));
  return {
    companyName: settings.companyName,
    number: q.number,
    revision: q.revision,
    status: q.status,
    currency: q.currency,
    validUntil: q.valid_until,
    terms: q.terms,
    lines: q.lines.map((l) => ({
      name: l.name,
      description: l.description ?? null,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      taxRate: l.taxRate,
      total: l.total,
    })),
    subtotal: q.subtotal,
    discountTotal: q.discount_total,
    taxTotal: q.tax_total,
    total: q.total,
    acceptedByName: q.accepted_by_name,
    acceptedAt: q.accepted_at,
  };
}

/**
 * The customer's answer, in one transaction: the quote row is locked first, so of two answers at once
 * exactly one finds it `sent` and wins; the other gets 409. Acceptance keeps the name, time and IP.
 */
export async function answerQuote(
  db: Database,
  registry: Registry,
  token: string,
  answer: 'accepted' | 'declined',
  name: string,
  ip: string,
) {
  const link = await linkOf(db, token);
  const base = await systemContext(db, link.workspace_id, link.owner_id ?? link.workspace_id);
  const ctx: RequestContext = {
    ...base,
    actor: { type: 'system', id: null, name: `${name} (customer, by the quote link)` },
    source: 'app',
  };
  const objects = await registry.objects(db, ctx.workspace, ctx.role);
  await writeTransaction(ctx, objects, async (records, tx) => {
    const [q] = await rows<{ status: QuoteStatus; expired: boolean }>(
      tx,
      sql`SELECT status, valid_until < current_date AS expired FROM quotes
        WHERE workspace_id = ${link.workspace_id} AND id = ${link.quote_id} FOR UPDATE`,
    );
    if (q.status !== 'sent') throw new Conflict(`This quote is ${q.status}; it can no longer be answered`);
    if (q.expired) throw new Conflict('This quote has passed its validity date; ask for a new one');
    await records.update('quotes', [{ id: link.quote_id, body: { status: answer }, path: '' }]);
    await tx.execute(
      answer === 'accepted'
        ? sql`UPDATE quotes SET accepted_by_name = ${name}, accepted_at = now(), accepted_ip = ${ip}
            WHERE workspace_id = ${link.workspace_id} AND id = ${link.quote_id}`
        : sql`UPDATE quotes SET declined_by_name = ${name}, declined_at = now()
            WHERE workspace_id = ${link.workspace_id} AND id = ${link.quote_id}`,
    );
  });
  return publicQuoteOf(db, token);
}
