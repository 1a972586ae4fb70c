import type { HookScope, WrittenRecord } from '../../../server/engine';
import { quoteLabel } from '../contract';

/** The links of a quote's timeline entries: the quote (whose PDF the timeline links to), its deal and account. */
function quoteLinks(quote: Record<string, unknown> & { id: string }) {
  return [
    { object: 'quotes', id: quote.id },
    { object: 'deals', id: quote.dealId as string },
    ...(typeof quote.accountId === 'string' ? [{ object: 'accounts', id: quote.accountId }] : []),
  ];
}

/**
 * A quote marked sent (by hand or by sharing its link) shows on its deal's and account's timelines as a
 * note linked to the quote, whose PDF the timeline links to. Sending by email logs the email instead.
 */
export async function logSentQuotes(scope: HookScope, written: WrittenRecord[]) {
  if (scope.ctx.source === 'email') return;
  const sent = written.filter((w) => w.after.status === 'sent' && w.before && w.before.status !== 'sent');
  if (sent.length === 0) return;
  await scope.records.create(
    'activities',
    sent.map((w, i) => ({
      body: {
        type: 'note',
        subject: `${quoteLabel(w.after.number as number, w.after.revision as number)} sent`,
        body: `Marked sent: ${String(w.after.currency)} ${String(w.after.total)}. The PDF is linked below.`,
        links: quoteLinks({ ...w.after, id: w.id }),
      },
      path: `sent.${i}`,
    })),
  );
}
