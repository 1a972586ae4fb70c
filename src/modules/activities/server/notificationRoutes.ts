import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { notification, type Notification } from '../contract';
import type { NotificationBus } from './notificationBus';
import { latestNotifications, markRead, notificationsAfter } from './notifications';

const heartbeatMs = 25_000;
/** How often a live connection also reads the table, for notifications made by other server processes. */
const catchUpMs = 5_000;

const listQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.uuid().optional() })
  .strict();
const readBody = z.object({ ids: z.array(z.uuid()).min(1).max(500) }).strict();
const lastEventId = z.uuid();

export function notificationRoutes(app: FastifyInstance, platform: Platform, bus: NotificationBus) {
  const { openapi } = platform;
  const streams = new Set<() => void>();
  // Open streams never end by themselves: end them so that the server can stop.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  openapi.add({
    method: 'get',
    path: '/me/events',
    tag: 'Activities',
    summary:
      "The signed-in user's notifications as server-sent events (text/event-stream): unread ones first (or those after Last-Event-ID), then each as it happens",
    produces: ['text/event-stream'],
  });
  app.get('/api/v1/me/events', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const header = request.headers['last-event-id'];
    let last: string | null = header ? parse(lastEventId, header, 'Last-Event-ID') : null;
    // The newest first, then the backlog: one made in between is newer than `newest` and caught up later.
    const [newest] = await latestNotifications(ctx, null, 1);
    const backlog = await notificationsAfter(ctx, last, { unreadOnly: last === null, limit: 100 });
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (n: Notification) => {
      if (last !== null && n.id <= last) return;
      last = n.id;
      out.write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
    };
    out.write('retry: 3000\n\n');
    backlog.forEach(send);
    // Catching up reads what is newer than what existed on connect, read or not, never older ones.
    if (newest && (last === null || newest.id > last)) last = newest.id;
    const stop = bus.listen(ctx.workspace.id, ctx.userId, send);
    const heartbeat = setInterval(() => out.write(': still here\n\n'), heartbeatMs);
    const catchUp = setInterval(() => {
      notificationsAfter(ctx, last, { unreadOnly: false, limit: 100 })
        .then((found) => found.forEach(send))
        .catch((error: unknown) => request.log.error({ err: error }, 'notification catch-up failed'));
    }, catchUpMs);
    const end = () => {
      streams.delete(end);
      stop();
      clearInterval(heartbeat);
      clearInterval(catchUp);
      out.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });

  openapi.add({
    method: 'get',
    path: '/me/notifications',
    tag: 'Activities',
    summary: "The signed-in user's notifications, newest first",
    query: { limit: '1 to 100, default 20', cursor: 'the last id of the previous page' },
    response: z.object({ data: z.array(notification), nextCursor: z.string().nullable() }),
  });
  app.get('/api/v1/me/notifications', async (request) => {
    const ctx = await platform.authenticate(request);
    const { limit, cursor } = parse(listQuery, request.query);
    const data = await latestNotifications(ctx, cursor ?? null, limit + 1);
    const page = data.slice(0, limit);
    return { data: page, nextCursor: data.length > limit ? page[page.length - 1].id : null };
  });

  openapi.add({
    method: 'post',
    path: '/me/notifications/read',
    tag: 'Activities',
    summary: 'Mark notifications read',
    body: readBody,
    response: z.object({ read: z.number() }),
  });
  app.post('/api/v1/me/notifications/read', async (request) => {
    const ctx = await platform.authenticate(request);
    return { read: await markRead(ctx, parse(readBody, request.body).ids) };
  });
}
