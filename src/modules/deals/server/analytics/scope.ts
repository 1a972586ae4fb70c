import { sql, type SQL } from 'drizzle-orm';
import { ValidationFailed } from '../../../../common/errors';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../../server/engine';
import type { AnalyticsQuery } from '../../contract';
import { dealFigureAccess, type DealFigureAccess } from '../dealFigures';

/** What every analytics query shares: the days it covers and which deals (alias `t`) it may read. */
export interface AnalyticsScope {
  ctx: RequestContext;
  from: string;
  to: string;
  /** deals of the workspace the caller may see, of the pipeline when one is asked for */
  deals: SQL;
  pipelineId?: string;
  limit: number;
  /** which figures the caller's role may see: money built from a hidden amount is answered as null */
  access: DealFigureAccess;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** `from` to `to` inclusive; by default the last 365 days up to today. */
export function analyticsScope(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  q: AnalyticsQuery,
): AnalyticsScope {
  const today = new Date();
  const to = q.to ?? isoDay(today);
  const from = q.from ?? isoDay(new Date(today.getTime() - 364 * 86_400_000));
  if (from > to)
    throw new ValidationFailed('The range ends before it starts', [
      { path: 'to', message: 'must not be before from' },
    ]);
  const conditions = [
    sql`t.workspace_id = ${ctx.workspace.id}`,
    sql`t.deleted_at IS NULL`,
    visibleTo(ctx, dealsObject),
  ];
  if (q.pipelineId) conditions.push(sql`t.pipeline_id = ${q.pipelineId}`);
  return {
    ctx,
    from,
    to,
    deals: sql.join(conditions, sql` AND `),
    pipelineId: q.pipelineId,
    limit: q.limit,
    access: dealFigureAccess(dealsObject),
  };
}

/** Deals closed (won or lost) within the scope's days. */
export const closedWithin = (s: AnalyticsScope) =>
  sql`t.closed_at >= ${s.from}::date AND t.closed_at < ${s.to}::date + 1 AND t.forecast_category IN ('closedWon', 'omitted')`;

/** A ratio for charts, rounded to four places (not money, so a float). */
export const ratio = (part: number, whole: number) =>
  whole ? Math.round((part / whole) * 10000) / 10000 : null;
