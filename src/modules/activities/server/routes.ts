import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../../common/errors';
import { assertRecordId } from '../../../server/engine';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import {
  calendarFeed,
  digestInput,
  digestSetting,
  ianaTimeZone,
  invitationSent,
  meetingInvite,
  myDay as myDaySchema,
  timelinePage,
  timelineQuery,
} from '../contract';
import { feedCalendar, feedUrl, rotateFeed } from './calendarFeed';
import { digestSettingOf, setDigest, stopDigest } from './digestSettings';
import { inviteToMeeting } from './meetingInvite';
import { myDay } from './myDay';
import { timeline } from './timeline';

const dayQuery = z
  .object({
    tz: ianaTimeZone.default('UTC'),
    date: z.iso.date({ message: 'must be a date like 2026-11-23' }).optional(),
  })
  .strict();
const feedParams = z.object({
  workspaceId: z.uuid(),
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/),
});

export function activityRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry, settings, secrets } = platform;
  const origin = (request: FastifyRequest) =>
    settings.RAPPORT_PUBLIC_URL
      ? new URL(settings.RAPPORT_PUBLIC_URL).origin
      : `${request.protocol}://${request.host}`;

  openapi.add({
    method: 'get',
    path: '/{object}/{id}/timeline',
    tag: 'Activities',
    summary:
      "A record's timeline, newest first: activities linked to it, changes of fields shown on timelines and deal stage moves; an account's includes its contacts' and deals'",
    query: {
      limit: '1 to 200, default 50',
      cursor: 'nextCursor of the previous page',
      types: 'activity types and kinds, comma-separated: call,meeting,activity,fieldChange,stageChange',
      interactionsOnly: 'true: conversations only (calls, meetings, emails, SMS, visits, chats, social)',
      channel:
        'only activities on this channel (WhatsApp, LinkedIn...), whatever its case; leaves changes out',
    },
    response: timelinePage,
  });
  app.get('/api/v1/:object/:id/timeline', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object, id } = request.params as { object: string; id: string };
    assertRecordId(id);
    return timeline(ctx, registry, object, id, parse(timelineQuery, request.query));
  });

  openapi.add({
    method: 'post',
    path: '/activities/{id}/invite',
    tag: 'Activities',
    summary:
      "Email a meeting's invitation (an iCalendar REQUEST that calendar apps offer to accept) to its contacts, or to the addresses given, through the workspace's SMTP server; logged as an outbound email on its records",
    body: meetingInvite,
    response: invitationSent,
    status: 201,
  });
  app.post('/api/v1/activities/:id/invite', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const { id } = request.params as { id: string };
    assertRecordId(id);
    const input = parse(meetingInvite, request.body ?? {});
    return reply.status(201).send(await inviteToMeeting(platform, ctx, id, input));
  });

  openapi.add({
    method: 'get',
    path: '/me/day',
    tag: 'Activities',
    summary:
      "The signed-in user's day: open tasks due today, overdue tasks, today's meetings and the call list, in the time zone `tz`",
    query: { tz: 'IANA time zone, default UTC', date: 'another day than today, YYYY-MM-DD' },
    response: myDaySchema,
  });
  app.get('/api/v1/me/day', async (request) => {
    const ctx = await platform.authenticate(request);
    const { tz, date } = parse(dayQuery, request.query);
    return myDay(ctx, tz, date);
  });

  openapi.add({
    method: 'get',
    path: '/me/digest',
    tag: 'Activities',
    summary: 'Whether the signed-in user gets their day by email each morning, and when',
    response: digestSetting,
  });
  app.get('/api/v1/me/digest', async (request) => {
    const ctx = await platform.authenticate(request);
    return digestSettingOf(ctx);
  });
  openapi.add({
    method: 'put',
    path: '/me/digest',
    tag: 'Activities',
    summary:
      'Email me my day (overdue, due today, meetings, calls) every morning at `hour` in `timeZone`; sent only when the day has something in it',
    body: digestInput,
    response: digestSetting,
  });
  app.put('/api/v1/me/digest', async (request) => {
    const ctx = await platform.authenticate(request);
    return setDigest(ctx, parse(digestInput, request.body));
  });
  openapi.add({
    method: 'delete',
    path: '/me/digest',
    tag: 'Activities',
    summary: 'Stop the morning email',
    status: 204,
  });
  app.delete('/api/v1/me/digest', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    await stopDigest(ctx);
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/me/calendar-feed',
    tag: 'Activities',
    summary: "The private URL of the signed-in user's meetings and tasks as an iCalendar feed",
    response: calendarFeed,
  });
  app.get('/api/v1/me/calendar-feed', async (request) => {
    const ctx = await platform.authenticate(request);
    return { url: await feedUrl(ctx, secrets, origin(request)) };
  });
  openapi.add({
    method: 'post',
    path: '/me/calendar-feed/rotate',
    tag: 'Activities',
    summary: 'A new private feed URL; the old one stops working at once',
    response: calendarFeed,
  });
  app.post('/api/v1/me/calendar-feed/rotate', async (request) => {
    const ctx = await platform.authenticate(request);
    return { url: await rotateFeed(ctx, secrets, origin(request)) };
  });

  openapi.add({
    method: 'get',
    path: '/calendar-feeds/{workspaceId}/{token}.ics',
    tag: 'Activities',
    summary: 'A calendar feed (text/calendar, RFC 5545), opened by its token alone',
    produces: ['text/calendar'],
  });
  app.get(
    '/api/v1/calendar-feeds/:workspaceId/:token',
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const params = feedParams.safeParse(request.params);
      const text = params.success
        ? await feedCalendar(platform.db, params.data.workspaceId, params.data.token.slice(0, -4))
        : null;
      if (text === null) throw new NotFound('No calendar feed has this address; it may have been replaced');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="rapport.ics"')
        .send(text);
    },
  );
}
