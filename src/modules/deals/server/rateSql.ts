import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../../server/engine';

/**
 * SQL for the rate from a currency into a workspace's base currency on a day (today when null): the
 * latest set on or before it; 1 for the base currency itself, null where none is known.
 */
export function workspaceRate(workspaceId: SQL, base: SQL, currency: SQL, day: SQL): SQL {
  return sql`(CASE WHEN ${currency} = ${base} THEN 1 ELSE (
    SELECT x.rate FROM exchange_rates x
    WHERE x.workspace_id = ${workspaceId} AND x.currency = ${currency} AND x.base_currency = ${base}
      AND x.valid_from <= coalesce(${day}, current_date)
    ORDER BY x.valid_from DESC LIMIT 1) END)`;
}

/** SQL for the rate from a currency into the signed-in workspace's base currency on a day. */
export function rateToBase(ctx: RequestContext, currency: SQL, day: SQL): SQL {
  return workspaceRate(
    sql`${ctx.workspace.id}::uuid`,
    sql`${ctx.workspace.baseCurrency}::text`,
    currency,
    day,
  );
}

/**
 * SQL for an amount in the workspace's base currency at the rate of a day (a deal's close date): the
 * latest rate set on or before that day. Null where no rate is known, so a report can tell and say so.
 * Shared by every report that sums money across currencies (board, forecast, analytics).
 */
export function inBaseCurrency(ctx: RequestContext, amount: SQL, currency: SQL, day: SQL): SQL {
  return converted(amount, rateToBase(ctx, currency, day));
}

/** SQL for an amount times a rate, to the cent: how every amount in the base currency is rounded. */
export function converted(amount: SQL, rate: SQL): SQL {
  return sql`round(${amount} * ${rate}, 2)`;
}
