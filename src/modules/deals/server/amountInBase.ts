import { Decimal } from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import { draftRecord, type Draft, type HookScope } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { rebuildBoardSums } from './analytics/boardSums';
import { converted, rateToBase, workspaceRate } from './rateSql';

/** What a deal's amount in the base currency depends on. */
const inputs = ['amount', 'currency', 'closeDate'];

/**
 * Stores each written deal's amount in the base currency (the rate of its close date, or the latest),
 * so that account rollups, reports and board totals sum one column. One query for the batch's rates.
 */
export async function setAmountsInBase(scope: HookScope, drafts: Draft[]): Promise<void> {
  const affected = drafts.filter((d) => !d.before || inputs.some((f) => Object.hasOwn(d.changes, f)));
  if (affected.length === 0) return;
  const values = affected.map((d, i) => {
    const deal = draftRecord(d);
    return sql`(${i}::int, ${deal.currency ?? null}::text, ${deal.closeDate ?? null}::date)`;
  });
  const found = await rows<{ i: number; rate: string | null }>(
    scope.tx,
    sql`SELECT v.i, (${rateToBase(scope.ctx, sql`v.currency`, sql`v.day`)})::text AS rate
      FROM (VALUES ${sql.join(values, sql`, `)}) AS v(i, currency, day)`,
  );
  for (const { i, rate } of found) {
    const amount = draftRecord(affected[i]).amount;
    affected[i].changes.amountInBase =
      typeof amount === 'string' && rate !== null
        ? new Decimal(amount).times(rate).toDecimalPlaces(2).toFixed(2)
        : null;
  }
}

/**
 * Recomputes stored amounts in the base currency where they no longer match the rates: after an admin
 * sets or removes a rate, a change of base currency, or a rate dated in the future coming into force.
 * Only the rows that differ are written.
 */
export async function refreshAmountsInBase(
  x: Executor,
  scope: { workspaceId?: string; currency?: string } = {},
): Promise<number> {
  const rate = workspaceRate(sql`d.workspace_id`, sql`w.base_currency`, sql`d.currency`, sql`d.close_date`);
  const computed = converted(sql`d.amount`, rate);
  const where: SQL[] = [sql`w.id = d.workspace_id`, sql`d.amount_in_base IS DISTINCT FROM ${computed}`];
  if (scope.workspaceId) where.push(sql`d.workspace_id = ${scope.workspaceId}`);
  if (scope.currency) where.push(sql`d.currency = ${scope.currency}`);
  const changed = await rows(
    x,
    sql`UPDATE deals d SET amount_in_base = ${computed} FROM workspaces w
      WHERE ${sql.join(where, sql` AND `)} RETURNING d.id`,
  );
  if (changed.length) await rebuildBoardSums(x, scope.workspaceId);
  return changed.length;
}

export const amountsInBaseJob = 'deals.amounts-in-base';

/**
 * Every night at 02:30 UTC, once across all processes: every workspace's stored base amounts brought up
 * to date, and the board sums counted again from the deals.
 */
export function defineAmountsInBaseJob(platform: Platform): void {
  platform.jobs.define(
    amountsInBaseJob,
    async () => {
      await platform.db.write(async (tx) => {
        if ((await refreshAmountsInBase(tx)) === 0) await rebuildBoardSums(tx);
      });
    },
    { cron: '30 2 * * *', retryLimit: 3, expireInSeconds: 3600 },
  );
}
