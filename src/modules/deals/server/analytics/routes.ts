import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Platform } from '../../../../server/platform';
import { parse } from '../../../../server/http/validate';
import { assertRecordId } from '../../../../server/engine';
import {
  analyticsQuery,
  boardTotals,
  boardTotalsQuery,
  cycleTimes as cycleTimesSchema,
  funnel,
  pipelineSummary as summarySchema,
  dealsNeedingAttention,
  staleAndSlipped as attentionSchema,
  timeInStage as timeInStageSchema,
  winRates as winRatesSchema,
} from '../../contract';
import { myDealsNeedingAttention, staleAndSlipped } from './attention';
import { boardColumnTotals } from './boardTotals';
import { analyticsScope, type AnalyticsScope } from './scope';
import { conversionFunnel, timeInStage } from './stages';
import { cycleTimes, pipelineSummary } from './summary';
import { winRates } from './winRates';

const attentionQuery = analyticsQuery.pick({ limit: true }).strict();

const range = {
  from: 'first day (YYYY-MM-DD), default 364 days ago',
  to: 'last day, default today',
  pipelineId: 'one pipeline',
};

/** Pipeline analytics under /deals/analytics: every figure aggregated by the database over visible deals. */
export function analyticsRoutes(app: FastifyInstance, platform: Platform) {
  const reports: {
    path: string;
    summary: string;
    response: z.ZodType;
    query?: Record<string, string>;
    answer(s: AnalyticsScope, q: z.infer<typeof analyticsQuery>): Promise<unknown>;
  }[] = [
    {
      path: 'win-rates',
      summary:
        'Win rate of deals closed in the range, by owner, source, stage reached or deal size band (403 for a role from which deal amounts are hidden)',
      response: winRatesSchema,
      query: { ...range, by: 'owner (default), source, stageReached or sizeBand' },
      answer: (s, q) => winRates(s, q.by),
    },
    {
      path: 'summary',
      summary: 'Won and lost, win rate, average deal size, average cycle, open pipeline and sales velocity',
      response: summarySchema,
      answer: (s) => pipelineSummary(s),
    },
    {
      path: 'funnel',
      summary:
        "Conversion funnel of a pipeline's deals created in the range (default pipeline unless pipelineId)",
      response: funnel,
      answer: (s) => conversionFunnel(s),
    },
    {
      path: 'cycle-time',
      summary: 'Distribution of days from creation to won, for deals won in the range',
      response: cycleTimesSchema,
      answer: (s) => cycleTimes(s),
    },
    {
      path: 'time-in-stage',
      summary: 'Average and median days in each open stage of a pipeline, over stays that ended in the range',
      response: timeInStageSchema,
      answer: (s) => timeInStage(s),
    },
    {
      path: 'stale-slipped',
      summary:
        'Open deals gone stale (no change for the pipeline’s stale days) and deals whose close date slipped to a later month',
      response: attentionSchema,
      query: { ...range, limit: 'at most this many of each, 1 to 500 (default 50)' },
      answer: (s) => staleAndSlipped(s),
    },
  ];
  for (const report of reports) {
    platform.openapi.add({
      method: 'get',
      path: `/deals/analytics/${report.path}`,
      tag: 'Deals',
      summary: report.summary,
      query: report.query ?? range,
      response: report.response,
    });
    app.get(`/api/v1/deals/analytics/${report.path}`, async (request: FastifyRequest) => {
      const ctx = await platform.authenticate(request);
      const q = parse(analyticsQuery, request.query);
      const deals = await platform.registry.object(ctx.db, ctx.workspace, 'deals', ctx.role);
      return report.answer(analyticsScope(ctx, deals, q), q);
    });
  }

  platform.openapi.add({
    method: 'get',
    path: '/me/deals-needing-attention',
    tag: 'Deals',
    summary:
      "The signed-in user's own open deals that need them, worst first, each with its reasons: close date passed, stale (no change or activity for the pipeline's stale days), no next step",
    query: { limit: '1 to 500 (default 50)' },
    response: dealsNeedingAttention,
  });
  app.get('/api/v1/me/deals-needing-attention', async (request) => {
    const ctx = await platform.authenticate(request);
    const { limit } = parse(attentionQuery, request.query);
    const deals = await platform.registry.object(ctx.db, ctx.workspace, 'deals', ctx.role);
    return myDealsNeedingAttention(analyticsScope(ctx, deals, analyticsQuery.parse({ limit })));
  });

  platform.openapi.add({
    method: 'get',
    path: '/pipelines/{id}/board-totals',
    tag: 'Deals',
    summary:
      "The board's column totals (count, amount, weighted) in the base currency at each deal's close-day rate; sums null for a role from which the amount (or, for weighted, the probability) is hidden",
    query: {
      ownerId: 'one owner',
      teamId: 'the owners of one team',
      closeFrom: 'close date from',
      closeTo: 'close date to',
      minAmount: 'amount at least',
      maxAmount: 'amount at most',
    },
    response: boardTotals,
  });
  app.get('/api/v1/pipelines/:id/board-totals', async (request) => {
    const ctx = await platform.authenticate(request);
    const id = (request.params as { id: string }).id;
    assertRecordId(id);
    const q = parse(boardTotalsQuery, request.query);
    const deals = await platform.registry.object(ctx.db, ctx.workspace, 'deals', ctx.role);
    return boardColumnTotals(ctx, deals, id, q);
  });
}
