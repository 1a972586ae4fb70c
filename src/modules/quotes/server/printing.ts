import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { quoteLabel, type QuoteLine } from '../contract';
import { quotePdf } from './pdf';
import { quoteSettingsOf } from './settings';

/** The quote record (as the caller sees it) printed with the workspace's logo, address and terms. */
export async function printQuote(ctx: RequestContext, quote: Record<string, unknown>) {
  const settings = await ctx.db.read((x) => quoteSettingsOf(x, ctx.workspace.id));
  const [account] =
    typeof quote.accountId === 'string'
      ? await ctx.db.read((x) =>
          rows<{ name: string }>(
            x,
            sql`SELECT name FROM accounts WHERE workspace_id = ${ctx.workspace.id} AND id = ${quote.accountId as string}`,
          ),
        )
      : [];
  const number = quote.number as number;
  const revision = quote.revision as number;
  const pdf = await quotePdf(
    {
      number,
      revision,
      title: String(quote.title ?? ''),
      currency: String(quote.currency),
      validUntil: (quote.validUntil as string | null) ?? null,
      terms: (quote.terms as string | null) ?? null,
      lines: quote.lines as QuoteLine[],
      subtotal: String(quote.subtotal),
      discountTotal: String(quote.discountTotal),
      taxTotal: String(quote.taxTotal),
      total: String(quote.total),
      accountName: account?.name ?? null,
    },
    settings,
  );
  return { pdf, filename: `${quoteLabel(number, revision).replace(' ', '-')}.pdf` };
}
