import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertRecordId } from '../../../server/engine';
import {
  validationRule,
  validationRuleInput,
  validationRulesAnswer,
  validationRulesQuery,
} from '../contract';
import { addRule, listRules, removeRule } from './validationRules';

/** Admins' validation rules: listed to everyone (forms show them), set and removed by admins. */
export function validationRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  openapi.add({
    method: 'get',
    path: '/validation-rules',
    tag: 'Data quality',
    summary: "The workspace's validation rules, of one object or all",
    query: { object: 'only this object' },
    response: validationRulesAnswer,
  });
  app.get('/api/v1/validation-rules', async (request) => {
    const ctx = await platform.authenticate(request);
    const query = parse(validationRulesQuery, request.query);
    if (query.object) await registry.object(ctx.db, ctx.workspace, query.object, ctx.role);
    return { data: await listRules(ctx, query.object) };
  });
  openapi.add({
    method: 'post',
    path: '/validation-rules',
    tag: 'Data quality',
    summary:
      'Add a validation rule (admin): required, requiredIf, pattern, range, length, allowedValues, notBefore or unique on a field',
    body: validationRuleInput,
    response: validationRule,
    status: 201,
  });
  app.post('/api/v1/validation-rules', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(validationRuleInput, request.body);
    const object = await registry.object(ctx.db, ctx.workspace, input.object, null);
    return reply.status(201).send(await addRule(ctx, object, input));
  });
  openapi.add({
    method: 'delete',
    path: '/validation-rules/{id}',
    tag: 'Data quality',
    summary: 'Remove a validation rule (admin)',
  });
  app.delete('/api/v1/validation-rules/:id', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const { id } = parse(z.object({ id: z.string() }), request.params);
    assertRecordId(id);
    await removeRule(ctx, id);
    return reply.status(204).send();
  });
}
