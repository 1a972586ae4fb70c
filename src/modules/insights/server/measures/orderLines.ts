import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../../../server/engine';
import { inBaseCurrency } from '../../../deals/server';

/**
 * The `booked` CTE: the lines of live, not cancelled orders, with their revenue and cost in the base
 * currency (revenue at the rate of the booking day; cost prices are kept in the base currency). A
 * customer is an account with such a line.
 */
export function bookedLines(ctx: RequestContext): SQL {
  const revenue = inBaseCurrency(
    ctx,
    sql`l.net`,
    sql`l.currency`,
    sql`(l.booked_at AT TIME ZONE 'UTC')::date`,
  );
  return sql`booked AS (
      SELECT l.order_id, l.account_id, l.booked_at, ${revenue} AS revenue, l.quantity * coalesce(l.unit_cost, 0) AS cost
      FROM order_lines l JOIN orders o ON o.workspace_id = l.workspace_id AND o.id = l.order_id
      WHERE l.workspace_id = ${ctx.workspace.id} AND o.deleted_at IS NULL AND o.status <> 'cancelled')`;
}

/** Lines booked in [from, to). */
export const bookedIn = (from: SQL, to: SQL) => sql`b.booked_at >= ${from} AND b.booked_at < ${to}`;
