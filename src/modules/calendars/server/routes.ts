import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Conflict } from '../../../common/errors';
import { assertRecordId } from '../../../server/engine';
import type { OperationSpec } from '../../../server/http/openapi';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import {
  calendarConnection,
  calendarConnectionInput,
  calendarConnectionPatch,
  connectionTest,
} from '../contract';
import {
  addConnection,
  changeConnection,
  connectionOf,
  listConnections,
  removeConnection,
  testConnection,
} from './connections';
import { queueSync } from './sync';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const base = '/me/calendar-connections';

/** The signed-in user's own CalDAV calendars, with their sync health; nobody manages another's. */
export function calendarRoutes(app: FastifyInstance, platform: Platform) {
  const endpoint = (spec: Omit<OperationSpec, 'tag'>, handler: Handler) => {
    platform.openapi.add({ ...spec, tag: 'Calendar sync' });
    const url = `/api/v1${spec.path.replace(/\{(\w+)\}/g, ':$1')}`;
    app.route({ method: spec.method.toUpperCase() as 'GET', url, handler });
  };
  const ctxOf = (request: FastifyRequest) => platform.authenticate(request);
  const idOf = (request: FastifyRequest) => {
    const value = (request.params as { id: string }).id;
    assertRecordId(value);
    return value;
  };

  endpoint(
    {
      method: 'get',
      path: base,
      summary:
        'Your calendar connections with their sync health: last success, events seen, meetings imported and updated, events pushed, failed, the last error and the last sync log',
      response: z.object({ data: z.array(calendarConnection) }),
    },
    async (request) => ({ data: await listConnections(await ctxOf(request)) }),
  );
  endpoint(
    {
      method: 'post',
      path: base,
      summary:
        'Connect your CalDAV calendar server (the password is stored sealed and never answered); with a calendarUrl its first sync starts at once',
      body: calendarConnectionInput,
      response: calendarConnection,
      status: 201,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const id = await addConnection(platform, ctx, parse(calendarConnectionInput, request.body));
      const created = await connectionOf(ctx, id);
      if (created.calendarUrl) await queueSync(platform, ctx.workspace.id, id);
      return reply.status(201).send(created);
    },
  );
  endpoint(
    {
      method: 'get',
      path: `${base}/{id}`,
      summary: 'One of your calendar connections',
      response: calendarConnection,
    },
    async (request) => connectionOf(await ctxOf(request), idOf(request)),
  );
  endpoint(
    {
      method: 'patch',
      path: `${base}/{id}`,
      summary:
        'Change your calendar connection or pick its calendar; another calendar is synced from the beginning (meetings stay)',
      body: calendarConnectionPatch,
      response: calendarConnection,
    },
    async (request) => {
      const ctx = await ctxOf(request);
      const id = idOf(request);
      await changeConnection(platform, ctx, id, parse(calendarConnectionPatch, request.body));
      const changed = await connectionOf(ctx, id);
      if (changed.calendarUrl) await queueSync(platform, ctx.workspace.id, id);
      return changed;
    },
  );
  endpoint(
    {
      method: 'delete',
      path: `${base}/{id}`,
      summary: 'Disconnect your calendar (meetings and events both stay)',
    },
    async (request, reply) => {
      await removeConnection(await ctxOf(request), idOf(request));
      return reply.status(204).send();
    },
  );
  endpoint(
    {
      method: 'post',
      path: `${base}/{id}/test`,
      summary: 'Reach the server with the connection and list its calendars, or say in words why it cannot',
      response: connectionTest,
    },
    async (request) => testConnection(platform, await ctxOf(request), idOf(request)),
  );
  endpoint(
    {
      method: 'post',
      path: `${base}/{id}/sync`,
      summary: 'Sync your calendar now (both ways); 409 until a calendar is picked',
      response: calendarConnection,
      status: 202,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const id = idOf(request);
      const found = await connectionOf(ctx, id);
      if (found.calendarUrl === null) throw new Conflict('Pick the calendar to sync first');
      await queueSync(platform, ctx.workspace.id, id);
      return reply.status(202).send(found);
    },
  );
}
