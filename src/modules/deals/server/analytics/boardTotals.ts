import { Decimal } from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { NotFound } from '../../../../common/errors';
import { rows } from '../../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../../server/engine';
import type { BoardTotals, boardTotalsQuery } from '../../contract';
import { pipelinesById } from '../pipelines';
import { rateArrays, rateOn } from '../forecast/rates';

/**
 * Each column's count, amount and weighted amount in the base currency. The database first sums a
 * column's deals per currency and close day (base-currency deals per column only; all from the board's
 * covering index), then converts each sum at that day's rate: 100k deals become a few thousand sums
 * before any rate is looked up. A sum is rounded to cents once per currency and day, not per deal.
 */
export async function boardColumnTotals(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  pipelineId: string,
  q: z.infer<typeof boardTotalsQuery>,
): Promise<BoardTotals> {
  const ws = ctx.workspace.id;
  const pipeline = (await ctx.db.read((x) => pipelinesById(x, ws, [pipelineId]))).get(pipelineId);
  if (!pipeline) throw new NotFound(`No pipeline with id ${pipelineId}`);
  const where: SQL[] = [
    sql`t.workspace_id = ${ws}`,
    sql`t.deleted_at IS NULL`,
    sql`t.pipeline_id = ${pipelineId}`,
    visibleTo(ctx, dealsObject),
  ];
  if (q.ownerId) where.push(sql`t.owner_id = ${q.ownerId}`);
  if (q.closeFrom) where.push(sql`t.close_date >= ${q.closeFrom}::date`);
  if (q.closeTo) where.push(sql`t.close_date <= ${q.closeTo}::date`);
  if (q.minAmount !== undefined) where.push(sql`t.amount >= ${String(q.minAmount)}::numeric`);
  if (q.maxAmount !== undefined) where.push(sql`t.amount <= ${String(q.maxAmount)}::numeric`);
  const found = await ctx.db.read((x) =>
    rows<{ stageId: string; count: number; amount: string; weighted: string; unconverted: number }>(
      x,
      sql`WITH r AS (${rateArrays(ctx)}),
      sums AS (
        SELECT t.stage_id, t.currency,
          CASE WHEN t.currency <> ${ctx.workspace.baseCurrency} THEN coalesce(t.close_date, current_date) END AS day, count(*) AS n,
          coalesce(sum(t.amount), 0) AS amount, coalesce(sum(t.weighted_amount), 0) AS weighted
        FROM deals t WHERE ${sql.join(where, sql` AND `)}
        GROUP BY 1, 2, 3)
      SELECT s.stage_id AS "stageId", sum(s.n)::int AS count,
        coalesce(sum(round(s.amount * s.rate, 2)), 0)::text AS amount,
        coalesce(sum(round(s.weighted * s.rate, 2)), 0)::text AS weighted,
        coalesce(sum(s.n) FILTER (WHERE s.rate IS NULL), 0)::int AS unconverted
      FROM (SELECT sums.*, ${rateOn(sql`coalesce(sums.day, current_date)`)} AS rate FROM sums LEFT JOIN r ON r.currency = sums.currency) s
      GROUP BY s.stage_id`,
    ),
  );
  const byStage = new Map(found.map((f) => [f.stageId, f]));
  return {
    pipelineId,
    currency: ctx.workspace.baseCurrency,
    columns: pipeline.stages.map((st) => {
      const f = byStage.get(st.id);
      return {
        stageId: st.id,
        count: f?.count ?? 0,
        amount: new Decimal(f?.amount ?? 0).toFixed(2),
        weighted: new Decimal(f?.weighted ?? 0).toFixed(2),
        unconverted: f?.unconverted ?? 0,
      };
    }),
  };
}
