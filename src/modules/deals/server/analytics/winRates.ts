import { Decimal } from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../../server/db/database';
import type { AnalyticsQuery } from '../../contract';
import { ifSeen, requireSeenAmounts } from '../dealFigures';
import { closeDayRate, rateArrays } from '../forecast/rates';
import { closedWithin, ratio, type AnalyticsScope } from './scope';

/** Deal size bands in the base currency: the lower bound of each. */
const sizeBands = [0, 1_000, 10_000, 50_000, 100_000];
const bandLabel = (i: number) =>
  i === sizeBands.length - 1
    ? `${sizeBands[i].toLocaleString('en')} and more`
    : `${sizeBands[i].toLocaleString('en')} to ${sizeBands[i + 1].toLocaleString('en')}`;

/**
 * Won and lost deals closed in the range, grouped by owner, source, size band, or by each stage they
 * reached (from stage history: of the deals that were ever in a stage, how many were won). Won amounts
 * are null for a role from which deal amounts are hidden; size bands, all amounts, are refused (403).
 */
export async function winRates(s: AnalyticsScope, by: AnalyticsQuery['by']) {
  if (by === 'sizeBand') requireSeenAmounts(s.access, 'win rates by deal size');
  const keyOf: Record<AnalyticsQuery['by'], SQL> = {
    owner: sql`t.owner_id::text`,
    source: sql`t.source`,
    sizeBand: sql`(width_bucket(coalesce(t.amount, 0) * ${closeDayRate}, ARRAY[${sql.raw(sizeBands.slice(1).join(','))}]::numeric[]))::text`,
    stageReached: sql`h.stage_id::text`,
  };
  const history =
    by === 'stageReached'
      ? sql`JOIN (SELECT DISTINCT deal_id, stage_id FROM deal_stage_history WHERE workspace_id = ${s.ctx.workspace.id}) h ON h.deal_id = t.id`
      : sql``;
  const found = await s.ctx.db.read((x) =>
    rows<{ key: string | null; won: number; lost: number; wonAmount: string }>(
      x,
      sql`WITH r AS (${rateArrays(s.ctx)})
      SELECT ${keyOf[by]} AS key, count(*) FILTER (WHERE t.forecast_category = 'closedWon')::int AS won,
        count(*) FILTER (WHERE t.forecast_category = 'omitted')::int AS lost,
        coalesce(sum(round(coalesce(t.amount, 0) * ${closeDayRate}, 2)) FILTER (WHERE t.forecast_category = 'closedWon'), 0)::text AS "wonAmount"
      FROM deals t JOIN r ON r.currency = t.currency ${history}
      WHERE ${s.deals} AND ${closedWithin(s)}
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    ),
  );
  const names = await namesFor(
    s,
    by,
    found.map((f) => f.key),
  );
  return {
    by,
    data: found.map((f) => ({
      ...f,
      wonAmount: ifSeen(s.access.money, new Decimal(f.wonAmount).toFixed(2)),
      name: by === 'sizeBand' ? bandLabel(Number(f.key)) : (names.get(f.key ?? '') ?? f.key ?? 'None'),
      winRate: ratio(f.won, f.won + f.lost),
    })),
  };
}

/** Owners' names, or the stage names of the workspace's pipelines. */
async function namesFor(s: AnalyticsScope, by: AnalyticsQuery['by'], keys: (string | null)[]) {
  const ws = s.ctx.workspace.id;
  if (by === 'owner') {
    const ids = keys.filter((k): k is string => k !== null);
    const users = await s.ctx.db.read((x) =>
      rows<{ id: string; name: string }>(
        x,
        sql`SELECT id::text, name FROM users WHERE workspace_id = ${ws} AND id::text = ANY(${`{${ids.join(',')}}`}::text[])`,
      ),
    );
    return new Map(users.map((u) => [u.id, u.name]));
  }
  if (by === 'stageReached') {
    const stages = await s.ctx.db.read((x) =>
      rows<{ id: string; name: string }>(
        x,
        sql`SELECT st->>'id' AS id, p.name || ': ' || (st->>'name') AS name
          FROM pipelines p CROSS JOIN LATERAL jsonb_array_elements(p.stages) st WHERE p.workspace_id = ${ws}`,
      ),
    );
    return new Map(stages.map((st) => [st.id, st.name]));
  }
  return new Map<string, string>();
}
