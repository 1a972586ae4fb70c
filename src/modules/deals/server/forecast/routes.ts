import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../../server/platform';
import type { RequestContext } from '../../../../server/engine';
import { parse } from '../../../../server/http/validate';
import { assertRecordId } from '../../../../server/engine';
import {
  forecast,
  forecastAccuracy,
  forecastAdjustment,
  forecastAdjustmentInput,
  forecastGroupings,
  forecastSettings,
  quota,
  quotaInput,
  statisticalForecast,
} from '../../contract';
import { adjustForecast, adjustmentHistory } from './adjustments';
import { parsePeriod } from './periods';
import {
  deleteQuota,
  fiscalStartMonth,
  listQuotas,
  requestedPeriod,
  setForecastSettings,
  setQuota,
} from './quotas';
import { forecastRollup } from './rollup';
import { defineHistogramsJob } from './histograms';
import { defineSnapshotJob } from './snapshotJob';
import { forecastAccuracy as accuracyOf } from './snapshots';
import { statisticalForecast as statisticalOf } from './statistical';

const forecastQuery = z.object({
  period: z.string().optional(),
  groupBy: z.enum(forecastGroupings).default('owner'),
  key: z.string().trim().min(1).max(64).default('total'),
  backtest: z.coerce.number().int().min(0).max(8).default(0),
});

const periodDoc = 'a month like 2026-11 or a fiscal quarter like 2026-Q4';

export function forecastRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  const dealsOf = (ctx: RequestContext) => registry.object(ctx.db, ctx.workspace, 'deals', ctx.role);
  const query = async (request: FastifyRequest) => {
    const ctx = await platform.authenticate(request);
    const q = parse(forecastQuery, request.query);
    const start = await fiscalStartMonth(ctx);
    return { ctx, q, start, period: parsePeriod(q.period, start) };
  };
  defineSnapshotJob(platform);
  defineHistogramsJob(platform);

  openapi.add({
    method: 'get',
    path: '/forecast',
    tag: 'Forecast',
    summary:
      "A period's forecast by owner or team in the base currency: quota, closed won, commit (incl. closed won), best case (incl. commit), open pipeline and weighted pipeline; 403 for a role from which deal amounts or forecast categories are hidden",
    query: { period: periodDoc, groupBy: 'owner (default) or team' },
    response: forecast,
  });
  app.get('/api/v1/forecast', async (request) => {
    const { ctx, q, period } = await query(request);
    return forecastRollup(ctx, await dealsOf(ctx), period, q.groupBy);
  });

  openapi.add({
    method: 'get',
    path: '/forecast/accuracy',
    tag: 'Forecast',
    summary:
      "A period's weekly forecast snapshots of one row (default the total) against what closed won; 403 where the forecast is",
    query: { period: periodDoc, groupBy: 'owner (default) or team', key: 'a row key, or total' },
    response: forecastAccuracy,
  });
  app.get('/api/v1/forecast/accuracy', async (request) => {
    const { ctx, q, period } = await query(request);
    return accuracyOf(ctx, await dealsOf(ctx), period, q.groupBy, q.key);
  });

  openapi.add({
    method: 'get',
    path: '/forecast/statistical',
    tag: 'Forecast',
    summary:
      "The period's statistical forecast from the workspace's stage history: expected value and 80% interval, with a backtest on earlier periods; money null for a role from which deal amounts are hidden",
    query: { period: periodDoc, backtest: 'earlier periods to backtest, 0 to 8 (default 0)' },
    response: statisticalForecast,
  });
  app.get('/api/v1/forecast/statistical', async (request) => {
    const { ctx, q, period, start } = await query(request);
    return statisticalOf(ctx, await dealsOf(ctx), period, q.backtest, start, platform.jobs);
  });

  openapi.add({
    method: 'post',
    path: '/forecast/adjustments',
    tag: 'Forecast',
    summary: "A manager's adjustment of a forecast row (or the total), with the amount and why",
    body: forecastAdjustmentInput,
    response: forecastAdjustment,
    status: 201,
  });
  app.post('/api/v1/forecast/adjustments', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await adjustForecast(ctx, parse(forecastAdjustmentInput, request.body)));
  });
  openapi.add({
    method: 'get',
    path: '/forecast/adjustments',
    tag: 'Forecast',
    summary: "Every adjustment of a period's forecast, newest first",
    query: { period: periodDoc, groupBy: 'owner (default) or team' },
    response: z.object({ data: z.array(forecastAdjustment) }),
  });
  app.get('/api/v1/forecast/adjustments', async (request) => {
    const { ctx, q, period } = await query(request);
    return { data: await adjustmentHistory(ctx, period.key, q.groupBy) };
  });

  openapi.add({
    method: 'get',
    path: '/forecast/settings',
    tag: 'Forecast',
    summary: "The workspace's fiscal year start month",
    response: forecastSettings,
  });
  app.get('/api/v1/forecast/settings', async (request) => ({
    fiscalYearStartMonth: await fiscalStartMonth(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'put',
    path: '/forecast/settings',
    tag: 'Forecast',
    summary: 'Set the fiscal year start month, 1 to 12 (admin)',
    body: forecastSettings,
    response: forecastSettings,
  });
  app.put('/api/v1/forecast/settings', async (request) => {
    const ctx = await platform.authenticate(request);
    return setForecastSettings(ctx, parse(forecastSettings, request.body));
  });

  openapi.add({
    method: 'get',
    path: '/quotas',
    tag: 'Forecast',
    summary: 'The quotas set for a period, per user and per team, in the base currency',
    query: { period: periodDoc },
    response: z.object({ data: z.array(quota) }),
  });
  app.get('/api/v1/quotas', async (request) => {
    const ctx = await platform.authenticate(request);
    const period = await requestedPeriod(ctx, (request.query as { period?: unknown }).period);
    return { data: await listQuotas(ctx, period) };
  });
  openapi.add({
    method: 'post',
    path: '/quotas',
    tag: 'Forecast',
    summary:
      "Set a user's or a team's quota for a period (admin); the same subject and period again replaces it",
    body: quotaInput,
    response: quota,
    status: 201,
  });
  app.post('/api/v1/quotas', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await setQuota(ctx, parse(quotaInput, request.body)));
  });
  openapi.add({ method: 'delete', path: '/quotas/{id}', tag: 'Forecast', summary: 'Remove a quota (admin)' });
  app.delete('/api/v1/quotas/:id', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const id = (request.params as { id: string }).id;
    assertRecordId(id);
    await deleteQuota(ctx, id);
    return reply.status(204).send();
  });
}
