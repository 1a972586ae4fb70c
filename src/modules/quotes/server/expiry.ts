import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { writeTransaction } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { systemContext } from '../../../server/seed/context';

export const quoteExpiryJob = 'quotes.expire';
const batch = 1000;

/** Sent quotes of one workspace whose validity date has passed become `expired`, through the engine. */
export async function expireQuotes(platform: Platform, workspaceId: string): Promise<number> {
  const due = await platform.db.read((x) =>
    rows<{ id: string; owner_id: string | null }>(
      x,
      sql`SELECT id, owner_id FROM quotes WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL
        AND status = 'sent' AND valid_until < current_date
        AND NOT EXISTS (SELECT 1 FROM quotes n WHERE n.workspace_id = quotes.workspace_id AND n.number = quotes.number
          AND n.revision > quotes.revision AND n.deleted_at IS NULL)
        ORDER BY valid_until, id LIMIT ${batch}`,
    ),
  );
  if (due.length === 0) return 0;
  const [admin] = await platform.db.read((x) =>
    rows<{ id: string }>(
      x,
      sql`SELECT id FROM users WHERE workspace_id = ${workspaceId} AND role = 'admin' ORDER BY created_at, id LIMIT 1`,
    ),
  );
  const ctx = await systemContext(platform.db, workspaceId, due[0].owner_id ?? admin.id);
  ctx.actor = { type: 'system', id: null, name: 'Quote validity' };
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  await writeTransaction(ctx, objects, (records) =>
    records.update(
      'quotes',
      due.map((q, i) => ({ id: q.id, body: { status: 'expired' }, path: `${i}` })),
    ),
  );
  return due.length;
}

/**
 * Hourly, once across all processes: every workspace's sent quotes past their validity date expire
 * (their customer links then answer that the quote has passed its date). Idempotent: an expired
 * quote is no longer `sent`.
 */
export function defineQuoteExpiry(platform: Platform): void {
  platform.jobs.define(
    quoteExpiryJob,
    async () => {
      const workspaces = await platform.db.read((x) =>
        rows<{ id: string }>(x, sql`SELECT id FROM workspaces ORDER BY id`),
      );
      for (const w of workspaces) {
        let expired = await expireQuotes(platform, w.id);
        while (expired === batch) expired = await expireQuotes(platform, w.id);
      }
    },
    { cron: '11 * * * *', retryLimit: 3, expireInSeconds: 3600 },
  );
}
