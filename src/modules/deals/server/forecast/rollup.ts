import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { Forbidden } from '../../../../common/errors';
import { rows } from '../../../../server/db/database';
import { visibleTo, type RequestContext, type ResolvedObject } from '../../../../server/engine';
import type { Forecast, ForecastFigures, ForecastGrouping, ForecastRow } from '../../contract';
import { dealFigureAccess, ifSeen, requireSeenAmounts } from '../dealFigures';
import { latestAdjustments } from './adjustments';
import { monthsOf, type Period } from './periods';
import { dailyRates } from './rates';

interface OwnerSums {
  ownerId: string | null;
  closedWon: string;
  commit: string;
  bestCase: string;
  pipeline: string;
  weighted: string;
  unconverted: number;
}

/**
 * Each owner's deals closing in the period, summed by forecast category in the base currency at the
 * close day's rate, by the database (over what the caller may see). Omitted deals count nowhere.
 */
function ownerSums(ctx: RequestContext, dealsObject: ResolvedObject, period: Period) {
  const ws = ctx.workspace.id;
  return ctx.db.read((x) =>
    rows<OwnerSums>(
      x,
      sql`WITH rates AS (${dailyRates(ctx, period.start, period.end)}),
      d AS (
        SELECT t.owner_id, t.forecast_category AS category, r.rate IS NULL AS unconverted,
          round(coalesce(t.amount, 0) * r.rate, 2) AS amount, round(coalesce(t.weighted_amount, 0) * r.rate, 2) AS weighted
        FROM deals t LEFT JOIN rates r ON r.currency = t.currency AND r.day = t.close_date
        WHERE t.workspace_id = ${ws} AND t.deleted_at IS NULL
          AND t.close_date >= ${period.start}::date AND t.close_date < ${period.end}::date
          AND t.forecast_category <> 'omitted' AND ${visibleTo(ctx, dealsObject)})
      SELECT owner_id AS "ownerId",
        coalesce(sum(amount) FILTER (WHERE category = 'closedWon'), 0)::text AS "closedWon",
        coalesce(sum(amount) FILTER (WHERE category = 'commit'), 0)::text AS commit,
        coalesce(sum(amount) FILTER (WHERE category = 'bestCase'), 0)::text AS "bestCase",
        coalesce(sum(amount) FILTER (WHERE category = 'pipeline'), 0)::text AS pipeline,
        coalesce(sum(weighted) FILTER (WHERE category <> 'closedWon'), 0)::text AS weighted,
        count(*) FILTER (WHERE unconverted)::int AS unconverted
      FROM d GROUP BY owner_id`,
    ),
  );
}

interface Person {
  id: string;
  name: string;
  teamId: string | null;
  role: string;
}

function people(ctx: RequestContext) {
  const ws = ctx.workspace.id;
  return ctx.db.read(async (x) => ({
    users: await rows<Person>(
      x,
      sql`SELECT id, name, team_id AS "teamId", role FROM users WHERE workspace_id = ${ws} ORDER BY name, id`,
    ),
    teams: await rows<{ id: string; name: string }>(
      x,
      sql`SELECT id, name FROM teams WHERE workspace_id = ${ws} ORDER BY name, id`,
    ),
  }));
}

/** Quotas set for the period itself, else the sum of its months' quotas, per subject. */
async function quotasOf(ctx: RequestContext, period: Period): Promise<Map<string, Decimal>> {
  const months = monthsOf(period).filter((m) => m !== period.key);
  const found = await ctx.db.read((x) =>
    rows<{ subject: string; subjectId: string; period: string; amount: string }>(
      x,
      sql`SELECT subject, subject_id AS "subjectId", period, amount::text AS amount FROM quotas
        WHERE workspace_id = ${ctx.workspace.id} AND period IN (${sql.join(
          [period.key, ...months].map((p) => sql`${p}`),
          sql`, `,
        )})`,
    ),
  );
  const exact = new Map<string, Decimal>();
  const summed = new Map<string, Decimal>();
  for (const q of found) {
    const key = `${q.subject}:${q.subjectId}`;
    const into = q.period === period.key ? exact : summed;
    into.set(key, (into.get(key) ?? new Decimal(0)).plus(q.amount));
  }
  for (const [key, amount] of summed) if (!exact.has(key)) exact.set(key, amount);
  return exact;
}

type Sums = Omit<ForecastFigures, 'quota' | 'weighted'> & { weighted: string };
const zero = (): Sums => ({ closedWon: '0', commit: '0', bestCase: '0', pipeline: '0', weighted: '0' });
function add(into: Sums, more: Sums): Sums {
  const out = { ...into };
  for (const k of Object.keys(out) as (keyof Sums)[]) out[k] = new Decimal(out[k]).plus(more[k]).toFixed(2);
  return out;
}
/** Cumulative figures: commit includes closed won, best case includes commit; pipeline is every open deal. */
function cumulative(s: Sums): Sums {
  const won = new Decimal(s.closedWon);
  const commit = won.plus(s.commit);
  return {
    closedWon: won.toFixed(2),
    commit: commit.toFixed(2),
    bestCase: commit.plus(s.bestCase).toFixed(2),
    pipeline: new Decimal(s.commit).plus(s.bestCase).plus(s.pipeline).toFixed(2),
    weighted: new Decimal(s.weighted).toFixed(2),
  };
}
const sumQuotas = (quotas: (Decimal | undefined)[]) =>
  quotas.some((q) => q) ? quotas.reduce<Decimal>((a, q) => a.plus(q ?? 0), new Decimal(0)) : undefined;

/**
 * The forecast of a period by owner or by team, with quotas, adjustments and totals. It is sums of
 * amounts by forecast category: refused (403) to a role from which either is hidden; the weighted
 * figures are null for a role from which the probability is.
 */
export async function forecastRollup(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  period: Period,
  groupBy: ForecastGrouping,
): Promise<Forecast> {
  const access = dealFigureAccess(dealsObject);
  requireSeenAmounts(access, 'the forecast');
  if (!access.categories)
    throw new Forbidden('Forecast categories are hidden from your role: the forecast would reveal them.');
  const shown = (s: Sums) => {
    const figures = cumulative(s);
    return { ...figures, weighted: ifSeen(access.weighted, figures.weighted) };
  };
  const [sums, { users, teams }, quotas, adjustments] = await Promise.all([
    ownerSums(ctx, dealsObject, period),
    people(ctx),
    quotasOf(ctx, period),
    latestAdjustments(ctx, period.key, groupBy),
  ]);
  const byOwner = new Map(sums.map((s) => [s.ownerId ?? 'none', s]));
  const ownerQuota = (id: string) => quotas.get(`owner:${id}`);
  const groups: {
    key: string;
    name: string;
    extra: Partial<ForecastRow>;
    owners: string[];
    quota?: Decimal;
  }[] = [];
  if (groupBy === 'owner') {
    for (const u of users)
      if (byOwner.has(u.id) || ownerQuota(u.id))
        groups.push({
          key: u.id,
          name: u.name,
          extra: { teamId: u.teamId },
          owners: [u.id],
          quota: ownerQuota(u.id),
        });
    if (byOwner.has('none'))
      groups.push({ key: 'none', name: 'No owner', extra: { teamId: null }, owners: ['none'] });
  } else {
    for (const team of [...teams, { id: 'none', name: 'No team' }]) {
      const members = users.filter((u) => (u.teamId ?? 'none') === team.id);
      const owners = [...members.map((u) => u.id), ...(team.id === 'none' ? ['none'] : [])];
      const quota = quotas.get(`team:${team.id}`) ?? sumQuotas(members.map((u) => ownerQuota(u.id)));
      if (!quota && !owners.some((o) => byOwner.has(o))) continue;
      const managers = members.filter((u) => u.role === 'manager').map((u) => ({ id: u.id, name: u.name }));
      groups.push({ key: team.id, name: team.name, extra: { managers }, owners, quota });
    }
  }
  const rowsOut: ForecastRow[] = groups.map((g) => {
    const s = g.owners.reduce<Sums>((acc, o) => (byOwner.has(o) ? add(acc, byOwner.get(o)!) : acc), zero());
    return {
      key: g.key,
      name: g.name,
      ...g.extra,
      quota: g.quota ? g.quota.toFixed(2) : null,
      ...shown(s),
      adjustments: adjustments.filter((a) => a.key === g.key),
    };
  });
  const all = sums.reduce<Sums>((acc, s) => add(acc, s), zero());
  return {
    period: period.key,
    start: period.start,
    end: period.end,
    groupBy,
    currency: ctx.workspace.baseCurrency,
    rows: rowsOut,
    totals: {
      quota: sumQuotas(groups.map((g) => g.quota))?.toFixed(2) ?? null,
      ...shown(all),
      adjustments: adjustments.filter((a) => a.key === 'total'),
    },
    unconvertedDeals: sums.reduce((n, s) => n + s.unconverted, 0),
  };
}
