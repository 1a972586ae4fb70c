import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import { assertRecordId } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import {
  feedbackInput,
  feedbackItem,
  feedbackStatuses,
  feedbackStatusInput,
  formEventsInput,
  friction as frictionAnswer,
  kudosInput,
  kudosItem,
  usefulnessInput,
  usefulnessState,
} from '../contract';
import { friction } from './friction';
import { scorecardQueue } from './refresh';
import {
  answerUsefulness,
  fileFeedback,
  giveKudos,
  listFeedback,
  recentKudos,
  recordFormEvents,
  setFeedbackStatus,
  usefulnessDue,
} from './voice';

const feedbackQuery = z
  .object({
    status: z.enum(feedbackStatuses).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export function voiceRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, jobs } = platform;

  openapi.add({
    method: 'get',
    path: '/insights/usefulness',
    tag: 'Insights',
    summary: 'Whether the monthly usefulness question is due for the caller',
    response: usefulnessState,
  });
  app.get('/api/v1/insights/usefulness', async (request) =>
    usefulnessDue(await platform.authenticate(request)),
  );
  openapi.add({
    method: 'post',
    path: '/insights/usefulness',
    tag: 'Insights',
    summary: '"How useful is Rapport for your work, 0 to 10?": at most once a month per user (409 after)',
    body: usefulnessInput,
    status: 201,
  });
  app.post('/api/v1/insights/usefulness', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const saved = await answerUsefulness(ctx, parse(usefulnessInput, request.body));
    await jobs.send(
      scorecardQueue,
      { workspaceId: ctx.workspace.id },
      { singletonKey: ctx.workspace.id, startAfter: 10 },
    );
    return reply.status(201).send(saved);
  });

  openapi.add({
    method: 'post',
    path: '/insights/feedback',
    tag: 'Insights',
    summary: 'Feedback about a page, or about a field that is in the way (with object and field)',
    body: feedbackInput,
    response: feedbackItem,
    status: 201,
  });
  app.post('/api/v1/insights/feedback', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await fileFeedback(ctx, parse(feedbackInput, request.body)));
  });
  openapi.add({
    method: 'get',
    path: '/insights/feedback',
    tag: 'Insights',
    summary: "The feedback inbox (admins: everyone's; others: their own, with its status), newest first",
    query: {
      status: 'new, planned, done or wontDo',
      cursor: 'nextCursor of the previous page',
      limit: '1 to 200',
    },
    response: z.object({ data: z.array(feedbackItem), nextCursor: z.string().nullable() }),
  });
  app.get('/api/v1/insights/feedback', async (request) => {
    const ctx = await platform.authenticate(request);
    const q = parse(feedbackQuery, request.query);
    return listFeedback(ctx, { status: q.status, before: q.cursor, limit: q.limit });
  });
  openapi.add({
    method: 'patch',
    path: '/insights/feedback/{id}',
    tag: 'Insights',
    summary: 'Give feedback a status (admin): new, planned, done, wontDo',
    body: feedbackStatusInput,
    response: feedbackItem,
  });
  app.patch('/api/v1/insights/feedback/:id', async (request) => {
    const ctx = await platform.authenticate(request);
    const id = (request.params as { id: string }).id;
    assertRecordId(id);
    return setFeedbackStatus(ctx, id, parse(feedbackStatusInput, request.body).status);
  });

  openapi.add({
    method: 'post',
    path: '/insights/kudos',
    tag: 'Insights',
    summary: 'Give a colleague kudos for a good CRM practice',
    body: kudosInput,
    response: kudosItem,
    status: 201,
  });
  app.post('/api/v1/insights/kudos', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await giveKudos(ctx, parse(kudosInput, request.body)));
  });
  openapi.add({
    method: 'get',
    path: '/insights/kudos',
    tag: 'Insights',
    summary: 'The latest 50 kudos of the workspace',
    response: z.object({ data: z.array(kudosItem) }),
  });
  app.get('/api/v1/insights/kudos', async (request) => ({
    data: await recentKudos(await platform.authenticate(request)),
  }));

  openapi.add({
    method: 'post',
    path: '/insights/form-events',
    tag: 'Insights',
    summary: "The web app's form instrumentation: fields filled and cleared, forms completed or abandoned",
    body: formEventsInput,
    status: 204,
  });
  app.post('/api/v1/insights/form-events', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    await recordFormEvents(ctx, parse(formEventsInput, request.body));
    return reply.status(204).send();
  });
  openapi.add({
    method: 'get',
    path: '/insights/friction',
    tag: 'Insights',
    summary:
      'Forms and fields that get in the way, from form events and "in my way" feedback, last 90 days (admin)',
    response: frictionAnswer,
  });
  app.get('/api/v1/insights/friction', async (request) => friction(await platform.authenticate(request)));
}
