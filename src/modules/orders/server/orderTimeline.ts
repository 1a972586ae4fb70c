import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { HookScope, WrittenRecord } from '../../../server/engine';
import { quoteLabel } from '../../quotes/contract';

interface BookedQuote {
  id: string;
  number: number;
  revision: number;
}

/**
 * A booked order shows on its own timeline, and on its quote's, deal's and account's, as a note saying
 * which accepted quote it was booked from (the timeline links that quote's PDF).
 */
export async function logBookedOrders(scope: HookScope, created: WrittenRecord[]) {
  if (created.length === 0) return;
  const ids = created.map((w) => w.after.quoteId as string);
  const found = await rows<BookedQuote>(
    scope.tx,
    sql`SELECT id, number, revision FROM quotes
      WHERE workspace_id = ${scope.ctx.workspace.id} AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const quotes = new Map(found.map((q) => [q.id, q]));
  await scope.records.create(
    'activities',
    created.map((w, i) => {
      const quote = quotes.get(w.after.quoteId as string)!;
      const label = quoteLabel(quote.number, quote.revision);
      return {
        body: {
          type: 'note',
          subject: `Order booked from ${label}`,
          body: `${label} accepted and booked as this order: ${String(w.after.currency)} ${String(w.after.total)}.`,
          links: [
            { object: 'orders', id: w.id },
            { object: 'quotes', id: quote.id },
            { object: 'deals', id: w.after.dealId as string },
            ...(typeof w.after.accountId === 'string' ? [{ object: 'accounts', id: w.after.accountId }] : []),
          ],
        },
        path: `booked.${i}`,
      };
    }),
  );
}
