import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../../../server/engine';
import { available, perRange, rangeFrom, rangeTo, type Measure, type MeasureRange } from './measure';
import { bookedIn, bookedLines } from './orderLines';

type Figure = 'revenue' | 'margin';
const figureSql: Record<Figure, SQL> = { revenue: sql`b.revenue`, margin: sql`b.revenue - b.cost` };

const bookedSum = (figure: Figure, from: SQL, to: SQL) =>
  sql`(SELECT sum(${figureSql[figure]}) FROM booked b WHERE ${bookedIn(from, to)})`;

const earlier = {
  previousPeriod: [sql`(${rangeFrom} - (${rangeTo} - ${rangeFrom}))`, rangeFrom],
  yearBefore: [sql`(${rangeFrom} - interval '1 year')`, sql`(${rangeTo} - interval '1 year')`],
} satisfies Record<string, [SQL, SQL]>;

/** Growth of the figure booked in the range over the same figure booked in the earlier range. */
function growth(ctx: RequestContext, ranges: MeasureRange[], figure: Figure, against: keyof typeof earlier) {
  const [from, to] = earlier[against];
  const then = bookedSum(figure, from, to);
  return perRange(
    ctx,
    ranges,
    sql`round((coalesce(${bookedSum(figure, rangeFrom, rangeTo)}, 0) - ${then}) / nullif(${then}, 0), 4)`,
    { ctes: bookedLines(ctx) },
  );
}

const booked =
  'of the lines of orders booked (not cancelled), in the base currency, net of discounts and before tax';

export const revenueGrowth: Measure = {
  id: 'revenueGrowth',
  label: 'Revenue growth (period over period)',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: `Revenue ${booked}, in the last 90 days against the 90 days before: 0.1 is 10% more.`,
  windowDays: 90,
  unavailable: available,
  compute: (ctx, ranges) => growth(ctx, ranges, 'revenue', 'previousPeriod'),
};

export const revenueGrowthYearOverYear: Measure = {
  ...revenueGrowth,
  id: 'revenueGrowthYearOverYear',
  label: 'Revenue growth (year over year)',
  description: `Revenue ${booked}, in the last 90 days against the same 90 days a year earlier.`,
  compute: (ctx, ranges) => growth(ctx, ranges, 'revenue', 'yearBefore'),
};

export const marginGrowth: Measure = {
  ...revenueGrowth,
  id: 'marginGrowth',
  label: 'Margin growth (period over period)',
  description: `Gross margin (revenue less the cost prices at booking) ${booked}, in the last 90 days against the 90 days before.`,
  compute: (ctx, ranges) => growth(ctx, ranges, 'margin', 'previousPeriod'),
};

export const marginGrowthYearOverYear: Measure = {
  ...revenueGrowth,
  id: 'marginGrowthYearOverYear',
  label: 'Margin growth (year over year)',
  description: `Gross margin (revenue less the cost prices at booking) ${booked}, in the last 90 days against the same 90 days a year earlier.`,
  compute: (ctx, ranges) => growth(ctx, ranges, 'margin', 'yearBefore'),
};
