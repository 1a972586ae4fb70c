import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import { assertRecordId, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import {
  assignmentRule,
  assignmentRuleInput,
  assignmentRulePatch,
  leadQueue,
  leadQueueQuery,
  leadScore,
  scoringRule,
  scoringRuleInput,
  scoringRulePatch,
  speedQuery,
  speedToLead,
} from '../contract';
import {
  addAssignmentRule,
  assignmentRules,
  changeAssignmentRule,
  deleteAssignmentRule,
} from './assignmentRules';
import { leadQueue as queueOf } from './queue';
import { scoringRules } from './scoreSql';
import {
  addScoringRule,
  changeScoringRule,
  deleteScoringRule,
  leadScore as scoreOf,
  type LeadObjects,
} from './scoring';
import { speedToLead as speedOf } from './speed';

const idOf = (request: FastifyRequest) => {
  const id = (request.params as { id: string }).id;
  assertRecordId(id);
  return id;
};

export function leadRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  const leadObjects = async (ctx: RequestContext): Promise<LeadObjects> => ({
    system: await registry.object(ctx.db, ctx.workspace, 'contacts', null),
    caller: await registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role),
  });
  const tag = 'Leads';

  openapi.add({
    method: 'get',
    path: '/contacts/{id}/lead-score',
    tag,
    summary: "A lead's fit and engagement score from the workspace's scoring rules, with the rules that hit",
    response: leadScore,
  });
  app.get('/api/v1/contacts/:id/lead-score', async (request) => {
    const ctx = await platform.authenticate(request);
    return scoreOf(ctx, await leadObjects(ctx), idOf(request));
  });

  openapi.add({
    method: 'get',
    path: '/leads/queue',
    tag,
    summary:
      "The signed-in user's open leads (new, working): best score first, then oldest, with age and first touch",
    query: { limit: '1 to 200 (default 50)', cursor: 'nextCursor of the previous page' },
    response: leadQueue,
  });
  app.get('/api/v1/leads/queue', async (request) => {
    const ctx = await platform.authenticate(request);
    const q = parse(leadQueueQuery, request.query);
    const objects = {
      ...(await leadObjects(ctx)),
      accounts: await registry.object(ctx.db, ctx.workspace, 'accounts', ctx.role),
    };
    return queueOf(ctx, objects, q.limit, q.cursor);
  });

  openapi.add({
    method: 'get',
    path: '/leads/speed',
    tag,
    summary:
      'Speed to lead: minutes from capture to first touch (median, 90th percentile), touched and untouched leads, per owner or team',
    query: { from: 'YYYY-MM-DD', to: 'YYYY-MM-DD (inclusive)', by: 'owner (default) or team' },
    response: speedToLead,
  });
  app.get('/api/v1/leads/speed', async (request) => {
    const ctx = await platform.authenticate(request);
    return speedOf(ctx, (await leadObjects(ctx)).caller, parse(speedQuery, request.query));
  });

  openapi.add({
    method: 'get',
    path: '/leads/scoring-rules',
    tag,
    summary: "The workspace's lead scoring rules",
    response: z.object({ data: z.array(scoringRule) }),
  });
  app.get('/api/v1/leads/scoring-rules', async (request) => ({
    data: await scoringRules(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'post',
    path: '/leads/scoring-rules',
    tag,
    summary:
      'Add a scoring rule (admin): a field condition or recent activity, worth points of fit or engagement',
    body: scoringRuleInput,
    response: scoringRule,
    status: 201,
  });
  app.post('/api/v1/leads/scoring-rules', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(scoringRuleInput, request.body);
    return reply.status(201).send(await addScoringRule(ctx, await leadObjects(ctx), input));
  });
  openapi.add({
    method: 'patch',
    path: '/leads/scoring-rules/{id}',
    tag,
    summary: 'Change a scoring rule (admin)',
    body: scoringRulePatch,
    response: scoringRule,
  });
  app.patch('/api/v1/leads/scoring-rules/:id', async (request) => {
    const ctx = await platform.authenticate(request);
    const patch = parse(scoringRulePatch, request.body);
    return changeScoringRule(ctx, await leadObjects(ctx), idOf(request), patch);
  });
  openapi.add({
    method: 'delete',
    path: '/leads/scoring-rules/{id}',
    tag,
    summary: 'Remove a scoring rule (admin)',
  });
  app.delete('/api/v1/leads/scoring-rules/:id', async (request, reply) => {
    await deleteScoringRule(await platform.authenticate(request), idOf(request));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/leads/assignment-rules',
    tag,
    summary: "The workspace's lead assignment rules, first priority first",
    response: z.object({ data: z.array(assignmentRule) }),
  });
  app.get('/api/v1/leads/assignment-rules', async (request) => {
    const ctx = await platform.authenticate(request);
    return { data: await ctx.db.read((x) => assignmentRules(ctx, x)) };
  });
  openapi.add({
    method: 'post',
    path: '/leads/assignment-rules',
    tag,
    summary:
      "Add an assignment rule (admin): new leads matching its filter go to a user, or in turn to a team's members",
    body: assignmentRuleInput,
    response: assignmentRule,
    status: 201,
  });
  app.post('/api/v1/leads/assignment-rules', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(assignmentRuleInput, request.body);
    return reply.status(201).send(await addAssignmentRule(ctx, (await leadObjects(ctx)).system, input));
  });
  openapi.add({
    method: 'patch',
    path: '/leads/assignment-rules/{id}',
    tag,
    summary: 'Change an assignment rule (admin)',
    body: assignmentRulePatch,
    response: assignmentRule,
  });
  app.patch('/api/v1/leads/assignment-rules/:id', async (request) => {
    const ctx = await platform.authenticate(request);
    const patch = parse(assignmentRulePatch, request.body);
    return changeAssignmentRule(ctx, (await leadObjects(ctx)).system, idOf(request), patch);
  });
  openapi.add({
    method: 'delete',
    path: '/leads/assignment-rules/{id}',
    tag,
    summary: 'Remove an assignment rule (admin)',
  });
  app.delete('/api/v1/leads/assignment-rules/:id', async (request, reply) => {
    await deleteAssignmentRule(await platform.authenticate(request), idOf(request));
    return reply.status(204).send();
  });
}
