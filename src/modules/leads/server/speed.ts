import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { baseConditions, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { SpeedRow, SpeedToLead, speedQuery } from '../contract';
import { firstTouchSql } from './touches';

interface Grouped extends SpeedRow {
  total: boolean;
}

/**
 * Speed to lead: for the leads captured (created with a lead status) from `from` to `to` inclusive, the
 * minutes from capture to first touch, per owner or per owner's team: median, 90th percentile, how many
 * were touched and how many not. One query; the totals are its empty grouping set.
 */
export async function speedToLead(
  ctx: RequestContext,
  contacts: ResolvedObject,
  query: z.infer<typeof speedQuery>,
): Promise<SpeedToLead> {
  if (query.to < query.from)
    throw new ValidationFailed('The period ends before it starts', [
      { path: 'to', message: 'is before from' },
    ]);
  const key = query.by === 'owner' ? sql`l.owner_id` : sql`u.team_id`;
  const name =
    query.by === 'owner'
      ? sql`max(u.name)`
      : sql`max((SELECT tm.name FROM teams tm WHERE tm.workspace_id = u.workspace_id AND tm.id = u.team_id))`;
  const minutes = sql`extract(epoch FROM l.first_touch - l.created_at) / 60`;
  const percentile = (p: number) =>
    sql`round((percentile_cont(${p}::float8) WITHIN GROUP (ORDER BY ${minutes}))::numeric, 1)::float8`;
  const found = await ctx.db.read((x) =>
    rows<Grouped>(
      x,
      sql`WITH l AS (
          SELECT t.workspace_id, t.owner_id, t.created_at, ${firstTouchSql()} AS first_touch
          FROM contacts t
          WHERE ${sql.join(baseConditions(ctx, contacts), sql` AND `)} AND t.lead_status IS NOT NULL
            AND t.created_at >= ${query.from}::date AND t.created_at < ${query.to}::date + 1
        )
        SELECT ${key}::text AS key, ${name} AS name, (GROUPING(${key}) = 1) AS total,
          count(*)::int AS leads, count(l.first_touch)::int AS touched,
          (count(*) - count(l.first_touch))::int AS untouched,
          ${percentile(0.5)} AS "medianMinutes", ${percentile(0.9)} AS "p90Minutes"
        FROM l LEFT JOIN users u ON u.workspace_id = l.workspace_id AND u.id = l.owner_id
        GROUP BY GROUPING SETS ((${key}), ())
        ORDER BY total, name NULLS LAST, key`,
    ),
  );
  const row = ({
    key: k,
    name: n,
    leads,
    touched,
    untouched,
    medianMinutes,
    p90Minutes,
  }: Grouped): SpeedRow => ({
    key: k,
    name: n ?? (query.by === 'owner' ? 'No owner' : 'No team'),
    leads,
    touched,
    untouched,
    medianMinutes: medianMinutes === null ? null : Number(medianMinutes),
    p90Minutes: p90Minutes === null ? null : Number(p90Minutes),
  });
  const totals = found.find((r) => r.total);
  return {
    from: query.from,
    to: query.to,
    by: query.by,
    rows: found.filter((r) => !r.total).map(row),
    totals: totals
      ? { ...row(totals), key: null, name: 'All' }
      : { key: null, name: 'All', leads: 0, touched: 0, untouched: 0, medianMinutes: null, p90Minutes: null },
  };
}
