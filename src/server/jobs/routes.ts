import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { jobListQuery, jobPage, jobView } from '../../common/jobs';
import { assertAdmin } from '../engine/visibility';
import { parse } from '../http/validate';
import type { Platform } from '../platform';
import { listJobs, retryJob } from './admin';
import type { JobQueue } from './queue';

const jobParams = z.object({ id: z.uuid() });

/** The admin's view of the workspace's jobs: what waits, runs and failed, and a retry for the failed. */
export function jobRoutes(app: FastifyInstance, platform: Platform, jobs: JobQueue) {
  platform.openapi.add({
    method: 'get',
    path: '/admin/jobs',
    tag: 'Admin',
    summary: "The workspace's jobs in one state, newest first (admin)",
    query: {
      state: 'queued, running, failed or completed (default queued)',
      limit: '1 to 200 (default 50)',
      cursor: 'nextCursor of the previous page',
    },
    response: jobPage,
  });
  app.get('/api/v1/admin/jobs', async (request) => {
    const ctx = await platform.authenticate(request);
    assertAdmin(ctx);
    return listJobs(ctx, jobs, parse(jobListQuery, request.query));
  });

  platform.openapi.add({
    method: 'post',
    path: '/admin/jobs/{id}/retry',
    tag: 'Admin',
    summary: 'Retry a failed job (admin)',
    response: jobView,
  });
  app.post('/api/v1/admin/jobs/:id/retry', async (request) => {
    const ctx = await platform.authenticate(request);
    assertAdmin(ctx);
    const { id } = parse(jobParams, request.params);
    return retryJob(ctx, jobs, id);
  });
}
