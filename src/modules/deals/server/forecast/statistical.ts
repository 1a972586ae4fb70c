import { Decimal } from 'decimal.js';
import type { RequestContext, ResolvedObject } from '../../../../server/engine';
import type { Jobs } from '../../../../server/jobs/queue';
import type { StatisticalForecast } from '../../contract';
import { dealFigureAccess, ifSeen } from '../dealFigures';
import { pipelinesById } from '../pipelines';
import { shiftPeriod, type Period } from './periods';
import { stageOdds, wonInPeriod, type StageOdds } from './stageOdds';

/** z of the normal distribution's 90th percentile: 80% of outcomes lie within ±z·σ. */
const z80 = 1.2815515655446004;

export const statisticalMethod =
  'Each open deal wins inside the period with the odds its stage history gives a deal of that stage still open at its age ' +
  '(two years of closed deals before the day of the forecast); the period expects closed won so far plus the sum of ' +
  'probability × amount, and its 80% interval is the normal approximation of that sum of independent outcomes (±1.2816 σ).';

/** The period's figures; the money among them null for a role from which deal amounts are hidden. */
function figures(period: Period, asOf: Date, odds: StageOdds[], wonBefore: string, money: boolean) {
  const expectedOpen = odds.reduce((sum, s) => sum + s.expected, 0);
  const sd = Math.sqrt(odds.reduce((sum, s) => sum + s.variance, 0));
  // Probabilities are estimates, so the spread is float arithmetic; the figures are rounded to cents.
  const cents = (v: number) => new Decimal(Math.max(v, 0).toFixed(2));
  const won = new Decimal(wonBefore);
  return {
    period: period.key,
    asOf: asOf.toISOString(),
    closedWon: ifSeen(money, won.toFixed(2)),
    expected: ifSeen(money, won.plus(cents(expectedOpen)).toFixed(2)),
    low: ifSeen(money, won.plus(cents(expectedOpen - z80 * sd)).toFixed(2)),
    high: ifSeen(money, won.plus(cents(expectedOpen + z80 * sd)).toFixed(2)),
    openDeals: odds.reduce((n, s) => n + s.openDeals, 0),
  };
}

/**
 * The statistical forecast of a period as of now and, for `backtest` earlier periods of the same kind,
 * as it would have been made on their first day from the history known then, beside what they closed.
 * Its money is null for a role from which deal amounts are hidden; counts and stage odds stay.
 */
export async function statisticalForecast(
  ctx: RequestContext,
  dealsObject: ResolvedObject,
  period: Period,
  backtest: number,
  fiscalStart: number,
  jobs: Jobs,
): Promise<StatisticalForecast> {
  const now = new Date();
  const { money } = dealFigureAccess(dealsObject);
  const odds = await stageOdds(ctx, dealsObject, period, now, jobs);
  const won = await wonInPeriod(ctx, dealsObject, period, now);
  const pipelines = await ctx.db.read((x) =>
    pipelinesById(
      x,
      ctx.workspace.id,
      odds.map((o) => o.pipelineId),
    ),
  );
  const byPipeline = new Map<string, StageOdds[]>();
  for (const o of odds) byPipeline.set(o.pipelineId, [...(byPipeline.get(o.pipelineId) ?? []), o]);
  const stageIndex = (o: StageOdds) =>
    pipelines.get(o.pipelineId)?.stages.findIndex((s) => s.id === o.stageId) ?? -1;
  const past = [];
  for (let i = 1; i <= backtest; i++) {
    const earlier = shiftPeriod(period, i, fiscalStart);
    const asOf = new Date(`${earlier.start}T00:00:00Z`);
    if (asOf >= now) continue;
    const then = await stageOdds(ctx, dealsObject, earlier, asOf, jobs);
    const truth = await wonInPeriod(ctx, dealsObject, earlier, asOf);
    past.push({
      ...figures(earlier, asOf, then, truth.before, money),
      actual: ifSeen(money, new Decimal(truth.all).toFixed(2)),
    });
  }
  return {
    ...figures(period, now, odds, won.before, money),
    currency: ctx.workspace.baseCurrency,
    method: statisticalMethod,
    pipelines: [...byPipeline].map(([pipelineId, stages]) => ({
      pipelineId,
      stages: stages
        .sort((a, b) => stageIndex(a) - stageIndex(b))
        .map((s) => ({
          stageId: s.stageId,
          closed: s.closed,
          won: s.won,
          winRate: s.closed ? Math.round((s.won / s.closed) * 10000) / 10000 : null,
          medianDaysToWon: s.medianDaysToWon,
        })),
    })),
    backtest: past,
  };
}
