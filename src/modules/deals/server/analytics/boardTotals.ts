import { Decimal } from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { NotFound, ValidationFailed } from '../../../../common/errors';
import { rows } from '../../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../../server/engine';
import type { BoardTotals, boardTotalsQuery } from '../../contract';
import { dealFigureAccess, ifSeen } from '../dealFigures';
import { pipelinesById } from '../pipelines';

/**
 * Each column's count, amount and weighted amount in the base currency. Without a close-date or amount
 * filter they are the kept board sums (`boardSumsSubscription`): a few rows per stage and owner, whatever
 * the number of deals. With one, the database sums each deal's stored amount in the base currency from
 * the board's covering index. A deal's weighted amount is rounded to cents before it is added, as the
 * deal itself shows it. Amounts (and the count of deals without a rate) are null for a role from
 * which the amount is hidden, weighted amounts also where the probability is; counts stay.
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
  const access = dealFigureAccess(dealsObject);
  if (!access.money && (q.minAmount !== undefined || q.maxAmount !== undefined))
    throw new ValidationFailed('Deal amounts are hidden from your role: the board cannot filter by them', [
      {
        path: q.minAmount !== undefined ? 'minAmount' : 'maxAmount',
        message: 'amount is hidden from your role',
      },
    ]);
  const where: SQL[] = [
    sql`t.workspace_id = ${ws}`,
    sql`t.pipeline_id = ${pipelineId}`,
    visibleTo(ctx, dealsObject),
  ];
  if (q.ownerId) where.push(sql`t.owner_id = ${q.ownerId}`);
  if (q.teamId)
    where.push(
      sql`t.owner_id IN (SELECT u.id FROM users u WHERE u.workspace_id = ${ws} AND u.team_id = ${q.teamId})`,
    );
  const kept = !q.closeFrom && !q.closeTo && q.minAmount === undefined && q.maxAmount === undefined;
  if (q.closeFrom) where.push(sql`t.close_date >= ${q.closeFrom}::date`);
  if (q.closeTo) where.push(sql`t.close_date <= ${q.closeTo}::date`);
  if (q.minAmount !== undefined) where.push(sql`t.amount >= ${String(q.minAmount)}::numeric`);
  if (q.maxAmount !== undefined) where.push(sql`t.amount <= ${String(q.maxAmount)}::numeric`);
  const found = await ctx.db.read((x) =>
    rows<{ stageId: string; count: number; amount: string; weighted: string; unconverted: number }>(
      x,
      kept
        ? sql`SELECT t.stage_id AS "stageId", sum(t.deals)::int AS count, sum(t.amount)::text AS amount,
            sum(t.weighted)::text AS weighted, sum(t.unconverted)::int AS unconverted
          FROM deal_board_sums t WHERE ${sql.join(where, sql` AND `)}
          GROUP BY t.stage_id`
        : sql`SELECT t.stage_id AS "stageId", count(*)::int AS count,
            coalesce(sum(t.amount_in_base), 0)::text AS amount,
            coalesce(sum(round(t.amount_in_base * t.probability / 100, 2)), 0)::text AS weighted,
            (count(t.amount) - count(t.amount_in_base))::int AS unconverted
          FROM deals t WHERE ${sql.join(where, sql` AND `)} AND t.deleted_at IS NULL
          GROUP BY t.stage_id`,
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
        amount: ifSeen(access.money, new Decimal(f?.amount ?? 0).toFixed(2)),
        weighted: ifSeen(access.weighted, new Decimal(f?.weighted ?? 0).toFixed(2)),
        unconverted: ifSeen(access.money, f?.unconverted ?? 0),
      };
    }),
  };
}
