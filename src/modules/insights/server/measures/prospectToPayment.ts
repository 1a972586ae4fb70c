import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../../../server/engine';
import { available, percentileDays, perRange, rangeFrom, rangeTo, type Measure } from './measure';

const firstTouch = (ctx: RequestContext, object: string, id: string) =>
  sql`(SELECT min(l.at) FROM activity_links l WHERE l.workspace_id = ${ctx.workspace.id}
    AND l.object = ${object} AND l.record_id = ${sql.identifier('f')}.${sql.identifier(id)})`;

/**
 * Per customer, its first payment: the first paid order of the account (not cancelled), and the days
 * to it from the first touch, the earliest of the account's creation, the order's deal's creation and
 * the first activity linked to either.
 */
function journeys(ctx: RequestContext) {
  const ws = ctx.workspace.id;
  return sql`first_payments AS (
      SELECT DISTINCT ON (o.account_id) o.account_id, o.deal_id, o.paid_at FROM orders o
      WHERE o.workspace_id = ${ws} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
        AND o.paid_at IS NOT NULL AND o.account_id IS NOT NULL
      ORDER BY o.account_id, o.paid_at, o.id),
    journeys AS MATERIALIZED (
      SELECT f.paid_at, extract(epoch FROM f.paid_at - least(a.created_at, d.created_at,
          ${firstTouch(ctx, 'accounts', 'account_id')}, ${firstTouch(ctx, 'deals', 'deal_id')})) / 86400 AS days
      FROM first_payments f
      LEFT JOIN accounts a ON a.workspace_id = ${ws} AND a.id = f.account_id
      LEFT JOIN deals d ON d.workspace_id = ${ws} AND d.id = f.deal_id)`;
}

function prospectToPayment(id: string, label: string, percentile: number): Measure {
  return {
    id,
    label,
    unit: 'days',
    direction: 'lowerIsBetter',
    description: `${label}: for each customer whose first payment fell in the last 90 days, days from the first touch (the earliest of the account's creation, the creation of the paid order's deal, and the first activity linked to either) to that payment.`,
    windowDays: 90,
    unavailable: available,
    compute: (ctx, ranges) =>
      perRange(
        ctx,
        ranges,
        sql`(SELECT ${percentileDays(percentile, sql`j.days`)} FROM journeys j WHERE j.paid_at >= ${rangeFrom} AND j.paid_at < ${rangeTo})`,
        { ctes: journeys(ctx) },
      ),
  };
}

export const prospectToPaymentMedianDays = prospectToPayment(
  'prospectToPaymentMedianDays',
  'Prospect to payment (median days)',
  0.5,
);
export const prospectToPaymentP80Days = prospectToPayment(
  'prospectToPaymentP80Days',
  'Prospect to payment (80th percentile days)',
  0.8,
);
