import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import { assertRecordId, checkFilterSize } from '../../../server/engine';
import { createViewInput, savedView, updateViewInput } from '../contract';
import { createView, deleteView, listViews, updateView } from './service';

/** A saved filter has the list filter's bounds, checked before the recursive schema walks it. */
function boundedFilter(body: unknown): unknown {
  const state = (body as { state?: { filter?: unknown } } | null)?.state;
  if (state && typeof state === 'object') checkFilterSize(state.filter, 'state.filter');
  return body;
}

export function viewRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  const id = (request: FastifyRequest) => {
    const value = (request.params as { id: string }).id;
    assertRecordId(value);
    return value;
  };
  openapi.add({
    method: 'get',
    path: '/views',
    tag: 'Views',
    summary: "Saved list views of an object: the user's own and shared ones",
    query: { object: 'plural object name' },
    response: z.object({ data: z.array(savedView) }),
  });
  app.get('/api/v1/views', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object } = parse(z.object({ object: z.string().min(1).max(60) }).strict(), request.query);
    await registry.object(ctx.db, ctx.workspace, object, ctx.role);
    return { data: await listViews(ctx, object) };
  });
  openapi.add({
    method: 'post',
    path: '/views',
    tag: 'Views',
    summary: 'Save a list view',
    body: createViewInput,
    response: savedView,
    status: 201,
  });
  app.post('/api/v1/views', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(createViewInput, boundedFilter(request.body));
    await registry.object(ctx.db, ctx.workspace, input.object, ctx.role);
    return reply.status(201).send(await createView(ctx, input));
  });
  openapi.add({
    method: 'patch',
    path: '/views/{id}',
    tag: 'Views',
    summary: 'Change a saved view of yours',
    body: updateViewInput,
    response: savedView,
  });
  app.patch('/api/v1/views/:id', async (request) =>
    updateView(
      await platform.authenticate(request),
      id(request),
      parse(updateViewInput, boundedFilter(request.body)),
    ),
  );
  openapi.add({
    method: 'delete',
    path: '/views/{id}',
    tag: 'Views',
    summary: 'Delete a saved view of yours',
  });
  app.delete('/api/v1/views/:id', async (request, reply) => {
    await deleteView(await platform.authenticate(request), id(request));
    return reply.status(204).send();
  });
}
