import { sql } from 'drizzle-orm';
import {
  available,
  closedDeals,
  percentileDays,
  perRange,
  rangeFrom,
  rangeTo,
  wonIn,
  type Measure,
} from './measure';

/** Days from a won deal's creation to its close, at a percentile, over the deals won in the window. */
function salesCycle(id: string, label: string, percentile: number): Measure {
  return {
    id,
    label,
    unit: 'days',
    direction: 'lowerIsBetter',
    description: `${label}: days from a deal's creation to its winning, over the deals won in the last 90 days.`,
    windowDays: 90,
    unavailable: available,
    compute: (ctx, ranges) =>
      perRange(
        ctx,
        ranges,
        sql`(SELECT ${percentileDays(percentile, sql`extract(epoch FROM c.closed_at - c.created_at) / 86400`)}
          FROM closed c WHERE ${wonIn(rangeFrom, rangeTo)})`,
        { ctes: closedDeals(ctx) },
      ),
  };
}

export const salesCycleMedianDays = salesCycle('salesCycleMedianDays', 'Sales cycle (median days)', 0.5);
export const salesCycleP80Days = salesCycle('salesCycleP80Days', 'Sales cycle (80th percentile days)', 0.8);
