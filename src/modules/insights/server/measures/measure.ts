import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/engine';
import { inBaseCurrency } from '../../../deals/server';
import type { MeasureDirection, MeasureUnit, MeasureValue } from '../../contract';

/** A period [from, to) as ISO timestamps. */
export interface MeasureRange {
  from: string;
  to: string;
}

/** One entry of the catalogue: what it measures, in which unit, which way is better, and how (in SQL). */
export interface Measure {
  id: string;
  label: string;
  unit: MeasureUnit;
  direction: MeasureDirection;
  description: string;
  /** the trailing window a figure is measured over, in days; 0: everything until then */
  windowDays: number;
  /** Null when its data is there; otherwise the plain reason it cannot be measured. */
  unavailable(ctx: RequestContext): Promise<string | null>;
  /** The value over each range, in one query; absent for measures whose data this build has no table for. */
  compute?(ctx: RequestContext, ranges: MeasureRange[]): Promise<MeasureValue[]>;
}

export const available = () => Promise.resolve(null);
export const missing = (reason: string) => () => Promise.resolve(reason);

/** The start and end of the range being measured, inside `perRange`'s value SQL. */
export const rangeFrom = sql`r.f`;
export const rangeTo = sql`r.t`;

/**
 * Runs `value` (a scalar SQL expression over `r.f` and `r.t`) once per range in one statement; `ctes`
 * are WITH clauses the value may read. Numbers come back as numbers, money (`money`) as decimal text.
 */
export async function perRange(
  ctx: RequestContext,
  ranges: MeasureRange[],
  value: SQL,
  options: { ctes?: SQL; money?: boolean } = {},
): Promise<MeasureValue[]> {
  if (ranges.length === 0) return [];
  const list = sql.join(
    ranges.map((r, i) => sql`(${i}::int, ${r.from}::timestamptz, ${r.to}::timestamptz)`),
    sql`, `,
  );
  const found = await ctx.db.read((x) =>
    rows<{ v: string | null }>(
      x,
      sql`${options.ctes ? sql`WITH ${options.ctes} ` : sql``}SELECT (${value})::text AS v
        FROM (VALUES ${list}) AS r(i, f, t) ORDER BY r.i`,
    ),
  );
  return found.map(({ v }) => (v === null ? null : options.money ? v : Number(v)));
}

/**
 * Closed deals with their outcome (from their stage's outcome in the pipeline) and their amount in
 * the base currency at the rate of their closing day. Amounts with no known rate are null, and left
 * out of sums and averages.
 */
export function closedDeals(ctx: RequestContext): SQL {
  const ws = ctx.workspace.id;
  const amount = inBaseCurrency(
    ctx,
    sql`d.amount`,
    sql`d.currency`,
    sql`(d.closed_at AT TIME ZONE 'UTC')::date`,
  );
  return sql`stage_outcomes AS (
      SELECT (s->>'id')::uuid AS stage_id, s->>'outcome' AS outcome
      FROM pipelines p CROSS JOIN LATERAL jsonb_array_elements(p.stages) AS s
      WHERE p.workspace_id = ${ws} AND s->>'outcome' IN ('won', 'lost')),
    closed AS (
      SELECT d.id, d.account_id, d.owner_id, d.created_at, d.closed_at, o.outcome, ${amount} AS amount_base
      FROM deals d JOIN stage_outcomes o ON o.stage_id = d.stage_id
      WHERE d.workspace_id = ${ws} AND d.deleted_at IS NULL AND d.closed_at IS NOT NULL)`;
}

/** The value of `days` at a percentile (0.5 the median), to a tenth of a day. */
export const percentileDays = (percentile: number, days: SQL) =>
  sql`round((percentile_cont(${percentile}::float8) WITHIN GROUP (ORDER BY ${days}))::numeric, 1)`;

/** Won deals closed in [from, to). */
export const wonIn = (from: SQL, to: SQL) =>
  sql`c.outcome = 'won' AND c.closed_at >= ${from} AND c.closed_at < ${to}`;
