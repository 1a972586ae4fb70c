import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFound, ValidationFailed } from '../../../common/errors';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import {
  insightsSettings,
  insightsSettingsInput,
  measureAnswer,
  measureInfo,
  scorecard,
  type MeasureInfo,
} from '../contract';
import { catalogue, measureById } from './measures/catalogue';
import { keepScorecardFresh, staleAfterMs } from './refresh';
import { assertCanSeeScorecard, readScorecard, storedTiles } from './scorecard';
import { refreshScorecard } from './scorecardCompute';
import { settingsOf, updateSettings } from './settings';

const valueQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });

export function scorecardRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi } = platform;
  const askRefresh = keepScorecardFresh(platform);

  openapi.add({
    method: 'get',
    path: '/insights/measures',
    tag: 'Insights',
    summary:
      'The measure catalogue: each measure, its unit, which way is better, and whether its data is there',
    response: z.object({ data: z.array(measureInfo) }),
  });
  app.get('/api/v1/insights/measures', async (request) => {
    const ctx = await platform.authenticate(request);
    const data: MeasureInfo[] = [];
    for (const m of catalogue) {
      const reason = await m.unavailable(ctx);
      const { id, label, unit, direction, description, windowDays } = m;
      data.push({
        id,
        label,
        unit,
        direction,
        description,
        windowDays,
        dataAvailable: reason === null && !!m.compute,
        ...(reason ? { reason } : {}),
      });
    }
    return { data };
  });

  openapi.add({
    method: 'get',
    path: '/insights/measures/{id}/value',
    tag: 'Insights',
    summary: 'One measure over a period [from, to), computed now (managers and admins)',
    query: {
      from: 'start of the period (ISO datetime), included',
      to: 'end of the period (ISO datetime), excluded',
    },
    response: measureAnswer,
  });
  app.get('/api/v1/insights/measures/:id/value', async (request) => {
    const ctx = await platform.authenticate(request);
    assertCanSeeScorecard(ctx);
    const id = (request.params as { id: string }).id;
    const measure = measureById.get(id);
    if (!measure) throw new NotFound(`No measure named ${id}`);
    const range = parse(valueQuery, request.query);
    const reason = await measure.unavailable(ctx);
    if (reason !== null || !measure.compute)
      throw new ValidationFailed(`${measure.label} cannot be measured: ${reason}`, [
        { path: 'id', message: reason ?? 'not measured' },
      ]);
    const [value] = await measure.compute(ctx, [range]);
    return { measure: id, from: range.from, to: range.to, value };
  });

  openapi.add({
    method: 'get',
    path: '/insights/scorecard',
    tag: 'Insights',
    summary:
      '"Is Rapport working?": a tile per measure with its figure, trend since go-live, objective and status; precomputed, each tile says how fresh (asOf)',
    response: scorecard,
  });
  app.get('/api/v1/insights/scorecard', async (request) => {
    const ctx = await platform.authenticate(request);
    assertCanSeeScorecard(ctx);
    let stored = await storedTiles(ctx);
    if (stored.length < catalogue.length) {
      await refreshScorecard(ctx);
      stored = await storedTiles(ctx);
    } else if (stored.some((t) => Date.now() - Date.parse(t.computedAt) > staleAfterMs))
      await askRefresh(ctx);
    return readScorecard(ctx, stored);
  });

  openapi.add({
    method: 'post',
    path: '/insights/scorecard/refresh',
    tag: 'Insights',
    summary: 'Recompute the scorecard now (managers and admins)',
    response: scorecard,
  });
  app.post('/api/v1/insights/scorecard/refresh', async (request) => {
    const ctx = await platform.authenticate(request);
    assertCanSeeScorecard(ctx);
    await refreshScorecard(ctx);
    return readScorecard(ctx, await storedTiles(ctx));
  });

  openapi.add({
    method: 'get',
    path: '/insights/settings',
    tag: 'Insights',
    summary: "The workspace's go-live date and adoption settings",
    response: insightsSettings,
  });
  app.get('/api/v1/insights/settings', async (request) => {
    const ctx = await platform.authenticate(request);
    return ctx.db.read((x) => settingsOf(x, ctx.workspace.id));
  });
  openapi.add({
    method: 'patch',
    path: '/insights/settings',
    tag: 'Insights',
    summary: 'Set the go-live date, per-person adoption figures, the weekly highlight (admin)',
    body: insightsSettingsInput,
    response: insightsSettings,
  });
  app.patch('/api/v1/insights/settings', async (request) => {
    const ctx = await platform.authenticate(request);
    const saved = await updateSettings(ctx, parse(insightsSettingsInput, request.body));
    await askRefresh(ctx);
    return saved;
  });
}
