import { sql } from 'drizzle-orm';
import { Conflict } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { getRecordJson, writeTransaction, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import type { DealContact } from '../../deals/contract';
import { sendEmail } from '../../mail/server';
import { quoteLabel, type SendQuoteInput } from '../contract';
import { createQuoteLink } from './customerLink';
import { printQuote } from './printing';
import { sendingConflict } from './quoteStatus';
import { quoteSettingsOf } from './settings';

type QuoteRecord = Record<string, unknown> & { id: string; status: string; dealId: string };

/** The deal's contact the quote goes to by default: its decision maker, else its first contact. */
async function dealContactOf(platform: Platform, ctx: RequestContext, dealId: string) {
  const deals = await platform.registry.object(ctx.db, ctx.workspace, 'deals', ctx.role);
  const deal = JSON.parse(await getRecordJson(ctx, deals, dealId)) as { contacts?: DealContact[] | null };
  const contacts = deal.contacts ?? [];
  return (contacts.find((c) => c.role === 'decisionMaker') ?? contacts[0])?.contactId;
}

/**
 * Emails the quote with its PDF attached through the workspace's SMTP server, logged as an email
 * activity on the deal, its account and the quote, then moves the quote to `sent` (the move is made
 * with the source `email`, so no second "sent" entry is logged). The move's rules are checked before
 * anything leaves, so a quote that may not be sent is a 409 and no email.
 */
export async function sendQuote(
  platform: Platform,
  ctx: RequestContext,
  quote: QuoteRecord,
  input: SendQuoteInput,
  customerUrl: (token: string) => string,
) {
  const settings = await ctx.db.read((x) => quoteSettingsOf(x, ctx.workspace.id));
  const conflict = sendingConflict(quote, settings);
  if (conflict) throw conflict;
  const label = quoteLabel(quote.number as number, quote.revision as number);
  const [latest] = await ctx.db.read((x) =>
    rows<{ revision: number }>(
      x,
      sql`SELECT max(revision)::int AS revision FROM quotes
        WHERE workspace_id = ${ctx.workspace.id} AND number = ${quote.number as number} AND deleted_at IS NULL`,
    ),
  );
  if (latest.revision > (quote.revision as number))
    throw new Conflict(`${label} is read-only: version ${latest.revision} is the latest; send that one`);
  const company = settings.companyName ?? ctx.workspace.name;
  const { pdf, filename } = await printQuote(ctx, quote);
  const contactId =
    input.contactId ?? (input.to ? undefined : await dealContactOf(platform, ctx, quote.dealId));
  const validity = quote.validUntil ? `, valid until ${String(quote.validUntil)}` : '';
  // The customer reviews, accepts or declines online through a link of their own (only its hash is kept).
  const link = input.linkExpiresInDays ? await createQuoteLink(ctx, quote.id, input.linkExpiresInDays) : null;
  const online = link
    ? `\n\nReview it, then accept or decline online (this link works until ${link.expiresAt.slice(0, 10)}):\n${customerUrl(link.token)}`
    : '';
  const sent = await sendEmail(
    platform,
    ctx,
    {
      record: { object: 'deals', id: quote.dealId },
      ...(contactId ? { contactId } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.cc ? { cc: input.cc } : {}),
      subject: input.subject ?? `Quote ${label} from ${company}`,
      body:
        (input.body ??
          `Hello,\n\nPlease find attached our quote ${label} (${String(quote.currency)} ${String(quote.total)}${validity}).${online}\n\nBest regards,\n{{user.name}}`) +
        (input.body ? online : ''),
      bodyFormat: 'text',
    },
    {
      attachments: {
        store: platform.files,
        files: [{ filename, declaredType: 'application/pdf', content: pdf }],
      },
      links: [{ object: 'quotes', id: quote.id }],
      arranged: true,
    },
  );
  if (quote.status !== 'sent') {
    const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
    await writeTransaction({ ...ctx, source: 'email' }, objects, (records) =>
      records.update('quotes', [{ id: quote.id, body: { status: 'sent' }, path: '' }]),
    );
  }
  return { ...sent, status: 'sent' as const };
}
