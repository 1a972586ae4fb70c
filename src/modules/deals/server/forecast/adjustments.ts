import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Forbidden, ValidationFailed } from '../../../../common/errors';
import { rows } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/engine';
import type { ForecastAdjustment, ForecastGrouping, forecastAdjustmentInput } from '../../contract';
import { requestedPeriod } from './quotas';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const columns = sql`id, period, group_by AS "groupBy", key, category, amount::text AS amount, reason,
  json_build_object('id', actor_id, 'name', actor_name) AS by, ${iso('created_at')} AS at`;

/** The latest adjustment of each row and category of a period's forecast. */
export function latestAdjustments(
  ctx: RequestContext,
  period: string,
  groupBy: ForecastGrouping,
): Promise<ForecastAdjustment[]> {
  return ctx.db.read((x) =>
    rows<ForecastAdjustment>(
      x,
      sql`SELECT DISTINCT ON (key, category) ${columns} FROM forecast_adjustments
        WHERE workspace_id = ${ctx.workspace.id} AND period = ${period} AND group_by = ${groupBy}
        ORDER BY key, category, created_at DESC, id DESC`,
    ),
  );
}

/** Every adjustment of a period's forecast, newest first: who changed what, and why. */
export function adjustmentHistory(
  ctx: RequestContext,
  period: string,
  groupBy: ForecastGrouping,
): Promise<ForecastAdjustment[]> {
  return ctx.db.read((x) =>
    rows<ForecastAdjustment>(
      x,
      sql`SELECT ${columns} FROM forecast_adjustments
        WHERE workspace_id = ${ctx.workspace.id} AND period = ${period} AND group_by = ${groupBy}
        ORDER BY created_at DESC, id DESC LIMIT 500`,
    ),
  );
}

/**
 * A manager's (or admin's) call on a forecast row: the figure they stand behind and why. The computed
 * figure stays as it is; the adjustment is shown beside it and kept with its author.
 */
export async function adjustForecast(
  ctx: RequestContext,
  input: z.infer<typeof forecastAdjustmentInput>,
): Promise<ForecastAdjustment> {
  if (ctx.role !== 'admin' && ctx.role !== 'manager')
    throw new Forbidden('Only managers and admins adjust the forecast');
  const period = await requestedPeriod(ctx, input.period);
  const ws = ctx.workspace.id;
  const [saved] = await ctx.db.write(async (tx) => {
    if (input.key !== 'total') {
      const known = await rows(
        tx,
        input.groupBy === 'owner'
          ? sql`SELECT 1 FROM users WHERE workspace_id = ${ws} AND id::text = ${input.key}`
          : sql`SELECT 1 FROM teams WHERE workspace_id = ${ws} AND id::text = ${input.key}`,
      );
      if (known.length === 0 && input.key !== 'none')
        throw new ValidationFailed(`No forecast row ${input.key}`, [
          {
            path: 'key',
            message: `must be a ${input.groupBy === 'owner' ? 'user' : 'team'} id, "none" or "total"`,
          },
        ]);
    }
    return rows<ForecastAdjustment>(
      tx,
      sql`INSERT INTO forecast_adjustments (workspace_id, id, period, group_by, key, category, amount, reason, actor_id, actor_name)
        VALUES (${ws}, ${uuidv7()}, ${period.key}, ${input.groupBy}, ${input.key}, ${input.category}, ${input.amount},
          ${input.reason}, ${ctx.actor.id}, ${ctx.actor.name})
        RETURNING ${columns}`,
    );
  });
  return saved;
}
