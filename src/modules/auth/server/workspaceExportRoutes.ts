import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { assertAdmin } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { workspaceArchive } from '../../../server/ops/workspaceExport';
import { assertRecentSignIn } from './recentSignIn';

/** The whole workspace as a ZIP, for an admin who signed in recently: it holds every record and password hash. */
export function workspaceExportRoutes(app: FastifyInstance, platform: Platform) {
  platform.openapi.add({
    method: 'get',
    path: '/workspace/export',
    tag: 'Workspace',
    summary:
      'Every record, setting, user and file of the workspace as a ZIP (admin, signed in within 10 minutes), for `rapport workspace:import` on another installation',
    produces: ['application/zip'],
  });
  app.get('/api/v1/workspace/export', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    assertAdmin(ctx);
    assertRecentSignIn(ctx, 'Exporting the workspace');
    platform.usage.record({
      workspaceId: ctx.workspace.id,
      userId: ctx.userId,
      object: null,
      action: 'export',
      recordId: null,
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="rapport-workspace-${stamp}.zip"`)
      .header('cache-control', 'no-store')
      .type('application/zip')
      .send(Readable.from(workspaceArchive(platform, ctx.workspace.id)));
  });
}
