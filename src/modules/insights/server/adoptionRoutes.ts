import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../server/platform';
import { adoption, highlight } from '../contract';
import { adoptionOf, ignoredFeatures } from './adoption';
import { weeklyHighlight } from './highlight';

export function adoptionRoutes(app: FastifyInstance, platform: Platform) {
  platform.openapi.add({
    method: 'get',
    path: '/insights/adoption',
    tag: 'Insights',
    summary:
      'Adoption without surveillance: weekly active seats and practices per team and workspace, features used and ignored, time to first useful action; per person only where enabled',
    response: adoption,
  });
  app.get('/api/v1/insights/adoption', async (request) => {
    const ctx = await platform.authenticate(request);
    const answer = await adoptionOf(ctx);
    const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
    return { ...answer, ignored: ignoredFeatures([...objects.keys()], answer.features) };
  });

  platform.openapi.add({
    method: 'get',
    path: '/insights/highlight',
    tag: 'Insights',
    summary:
      'The weekly highlight (when the workspace opts in): up to three teams whose share of active seats rose most over the week before, and up to three objects whose data quality score rose most',
    response: highlight,
  });
  app.get('/api/v1/insights/highlight', async (request) => {
    const ctx = await platform.authenticate(request);
    return weeklyHighlight(ctx, await platform.registry.objects(ctx.db, ctx.workspace, ctx.role));
  });
}
