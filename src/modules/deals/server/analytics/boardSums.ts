import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../../server/db/database';
import type { Subscription, Values, WrittenRecord } from '../../../../server/engine';

/** The owner key of deals without an owner (a primary key cannot hold null). */
export const noOwner = '00000000-0000-0000-0000-000000000000';

interface Share {
  pipelineId: string;
  stageId: string;
  ownerId: string;
  deals: number;
  amount: Decimal;
  weighted: Decimal;
  unconverted: number;
}

/** A deal's part of its board column, added (+1) or taken away (−1). */
function shareOf(deal: Values, sign: 1 | -1): Share {
  const inBase = typeof deal.amountInBase === 'string' ? new Decimal(deal.amountInBase) : null;
  const probability = typeof deal.probability === 'number' ? deal.probability : null;
  const weighted =
    inBase && probability !== null
      ? inBase.times(probability).dividedBy(100).toDecimalPlaces(2)
      : new Decimal(0);
  return {
    pipelineId: String(deal.pipelineId),
    stageId: String(deal.stageId),
    ownerId: typeof deal.ownerId === 'string' ? deal.ownerId : noOwner,
    deals: sign,
    amount: (inBase ?? new Decimal(0)).times(sign),
    weighted: weighted.times(sign),
    unconverted: deal.amount != null && !inBase ? sign : 0,
  };
}

function sharesOf(w: WrittenRecord): Share[] {
  switch (w.operation) {
    case 'create':
    case 'import':
    case 'restore':
      return [shareOf(w.after, 1)];
    case 'delete':
      return [shareOf(w.after, -1)];
    default:
      return w.before ? [shareOf(w.before, -1), shareOf(w.after, 1)] : [shareOf(w.after, 1)];
  }
}

/**
 * Keeps `deal_board_sums` (per pipeline, stage and owner: deals, amount and weighted amount in the base
 * currency, deals with no rate) in step with every write, in the write's transaction, so the board's
 * column totals read a few rows instead of every deal. Rows are written in key order, so concurrent
 * writes lock them in the same order.
 */
export const boardSumsSubscription: Subscription = {
  object: 'deals',
  hooks: {
    async afterWrite(scope, written) {
      const byKey = new Map<string, Share>();
      for (const share of written.flatMap(sharesOf)) {
        const key = `${share.pipelineId}:${share.stageId}:${share.ownerId}`;
        const sum = byKey.get(key);
        if (!sum) byKey.set(key, share);
        else
          byKey.set(key, {
            ...sum,
            deals: sum.deals + share.deals,
            amount: sum.amount.plus(share.amount),
            weighted: sum.weighted.plus(share.weighted),
            unconverted: sum.unconverted + share.unconverted,
          });
      }
      const changes = [...byKey]
        .filter(([, s]) => s.deals || !s.amount.isZero() || !s.weighted.isZero() || s.unconverted)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([, s]) =>
            sql`(${scope.ctx.workspace.id}::uuid, ${s.pipelineId}::uuid, ${s.stageId}::uuid, ${s.ownerId}::uuid,
              ${s.deals}::int, ${s.amount.toFixed(2)}::numeric, ${s.weighted.toFixed(2)}::numeric, ${s.unconverted}::int)`,
        );
      if (changes.length === 0) return;
      await scope.tx.execute(
        sql`INSERT INTO deal_board_sums AS b (workspace_id, pipeline_id, stage_id, owner_id, deals, amount, weighted, unconverted)
          VALUES ${sql.join(changes, sql`, `)}
          ON CONFLICT (workspace_id, pipeline_id, stage_id, owner_id) DO UPDATE SET
            deals = b.deals + excluded.deals, amount = b.amount + excluded.amount,
            weighted = b.weighted + excluded.weighted, unconverted = b.unconverted + excluded.unconverted`,
      );
    },
  },
};

/**
 * Counts a workspace's board sums again from its deals: after writes that bypass the engine (stored base
 * amounts recomputed for new rates), and nightly, so a sum could never stay wrong for long.
 */
export async function rebuildBoardSums(x: Executor, workspaceId?: string): Promise<void> {
  const only = workspaceId ? sql`workspace_id = ${workspaceId}` : sql`TRUE`;
  await x.execute(sql`DELETE FROM deal_board_sums WHERE ${only}`);
  await x.execute(
    sql`INSERT INTO deal_board_sums (workspace_id, pipeline_id, stage_id, owner_id, deals, amount, weighted, unconverted)
      SELECT workspace_id, pipeline_id, stage_id, coalesce(owner_id, ${noOwner}::uuid), count(*),
        coalesce(sum(amount_in_base), 0), coalesce(sum(round(amount_in_base * probability / 100, 2)), 0),
        count(amount) - count(amount_in_base)
      FROM deals WHERE ${only} AND deleted_at IS NULL
      GROUP BY 1, 2, 3, 4`,
  );
}
