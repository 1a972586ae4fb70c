import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import { ifSeen } from '../dealFigures';
import { closeDayRate, rateArrays } from '../forecast/rates';
import { closedWithin, ratio, type AnalyticsScope } from './scope';

/**
 * Win rate, average won deal, average cycle, open pipeline and sales velocity over the range; the money
 * among them is null for a role from which deal amounts are hidden.
 */
export async function pipelineSummary(s: AnalyticsScope) {
  const [sums] = await s.ctx.db.read((x) =>
    rows<{
      won: number;
      lost: number;
      wonAmount: string;
      cycleDays: number | null;
      open: number;
      openAmount: string;
    }>(
      x,
      sql`WITH r AS (${rateArrays(s.ctx)}),
      closed AS (
        SELECT count(*) FILTER (WHERE t.forecast_category = 'closedWon')::int AS won,
          count(*) FILTER (WHERE t.forecast_category = 'omitted')::int AS lost,
          coalesce(sum(round(coalesce(t.amount, 0) * ${closeDayRate}, 2)) FILTER (WHERE t.forecast_category = 'closedWon'), 0)::text AS "wonAmount",
          round(avg(extract(epoch FROM t.closed_at - t.created_at) / 86400) FILTER (WHERE t.forecast_category = 'closedWon'), 1)::float8 AS "cycleDays"
        FROM deals t JOIN r ON r.currency = t.currency WHERE ${s.deals} AND ${closedWithin(s)}),
      open AS (
        SELECT count(*)::int AS open, coalesce(sum(round(coalesce(t.amount, 0) * ${closeDayRate}, 2)), 0)::text AS "openAmount"
        FROM deals t JOIN r ON r.currency = t.currency WHERE ${s.deals} AND t.closed_at IS NULL)
      SELECT * FROM closed, open`,
    ),
  );
  const winRate = ratio(sums.won, sums.won + sums.lost);
  const average = sums.won ? new Decimal(sums.wonAmount).dividedBy(sums.won).toDecimalPlaces(2) : null;
  const velocity =
    average && winRate !== null && sums.cycleDays
      ? average
          .times(sums.open)
          .times(sums.won)
          .dividedBy(sums.won + sums.lost)
          .dividedBy(sums.cycleDays)
          .toFixed(2)
      : null;
  return {
    from: s.from,
    to: s.to,
    won: sums.won,
    lost: sums.lost,
    winRate,
    averageDealSize: ifSeen(s.access.money, average?.toFixed(2) ?? null),
    averageCycleDays: sums.cycleDays,
    openDeals: sums.open,
    openPipeline: ifSeen(s.access.money, new Decimal(sums.openAmount).toFixed(2)),
    salesVelocityPerDay: ifSeen(s.access.money, velocity),
  };
}

const buckets: [string, number, number | null][] = [
  ['0–14 days', 0, 14],
  ['15–30 days', 15, 30],
  ['31–60 days', 31, 60],
  ['61–90 days', 61, 90],
  ['91–180 days', 91, 180],
  ['181–365 days', 181, 365],
  ['over a year', 366, null],
];

/** How long won deals of the range took from creation to won, as a histogram with median and 90th percentile. */
export async function cycleTimes(s: AnalyticsScope) {
  const bounds = buckets.slice(1).map(([, min]) => min);
  const found = await s.ctx.db.read((x) =>
    rows<{ bucket: number; deals: number; median: number | null; p90: number | null }>(
      x,
      sql`WITH won AS (
        SELECT floor(extract(epoch FROM t.closed_at - t.created_at) / 86400)::int AS days FROM deals t
        WHERE ${s.deals} AND ${closedWithin(s)} AND t.forecast_category = 'closedWon')
      SELECT b.bucket, count(w.days)::int AS deals,
        (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY days) FROM won) AS median,
        (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY days) FROM won) AS p90
      FROM generate_series(0, ${bounds.length}) AS b(bucket)
      LEFT JOIN won w ON width_bucket(w.days, ARRAY[${sql.raw(bounds.join(','))}]) = b.bucket
      GROUP BY b.bucket ORDER BY b.bucket`,
    ),
  );
  return {
    buckets: found.map((f) => ({
      label: buckets[f.bucket][0],
      minDays: buckets[f.bucket][1],
      maxDays: buckets[f.bucket][2],
      deals: f.deals,
    })),
    medianDays: found[0]?.median ?? null,
    p90Days: found[0]?.p90 ?? null,
  };
}
