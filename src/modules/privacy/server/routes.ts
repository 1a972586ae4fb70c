import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertAdmin, assertRecordId, getRecordJson } from '../../../server/engine';
import { consentInput, consentsAnswer, eraseInput, erasureSummary } from '../contract';
import { consentsOf, recordConsent } from './consents';
import { eraseContact } from './erasure';
import { subjectAccessExport } from './subjectAccess';

/** A contact's consents, its subject access export and its erasure. */
export function contactPrivacyRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  /** The caller and the contact, read through the engine: one the caller cannot see is a 404. */
  const visibleContact = async (request: FastifyRequest) => {
    const ctx = await platform.authenticate(request);
    const { id } = parse(z.object({ id: z.string() }), request.params);
    assertRecordId(id);
    await getRecordJson(ctx, await registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role), id);
    return { ctx, id };
  };

  openapi.add({
    method: 'get',
    path: '/contacts/{id}/consents',
    tag: 'Privacy',
    summary: "A contact's current consent per channel and the history of every change",
    response: consentsAnswer,
  });
  app.get('/api/v1/contacts/:id/consents', async (request) => {
    const { ctx, id } = await visibleContact(request);
    return consentsOf(ctx, id);
  });

  openapi.add({
    method: 'post',
    path: '/contacts/{id}/consents',
    tag: 'Privacy',
    summary: 'Record consent given or withdrawn on one channel, with where it came from',
    body: consentInput,
    response: consentsAnswer,
    status: 201,
  });
  app.post('/api/v1/contacts/:id/consents', async (request, reply) => {
    const { ctx, id } = await visibleContact(request);
    const input = parse(consentInput, request.body);
    return reply.status(201).send(await recordConsent(ctx, id, input));
  });

  openapi.add({
    method: 'get',
    path: '/contacts/{id}/subject-access',
    tag: 'Privacy',
    summary:
      'Everything held about a person, as one JSON file: the contact, its history, activities, related records, deal roles, accounts, consents and emails (admin)',
    response: z.record(z.string(), z.unknown()),
  });
  app.get('/api/v1/contacts/:id/subject-access', async (request, reply) => {
    const { ctx, id } = await visibleContact(request);
    const all = await registry.objects(ctx.db, ctx.workspace, null);
    const document = await subjectAccessExport(ctx, all, id);
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="subject-access-${id}.json"`)
      .send(JSON.stringify(document, null, 2));
  });

  openapi.add({
    method: 'post',
    path: '/contacts/{id}/erase',
    tag: 'Privacy',
    summary:
      "Erase a person's personal data everywhere, keeping an anonymous record for aggregates; cannot be undone. `confirm` is the contact's full name or id (admin)",
    body: eraseInput,
    response: erasureSummary,
  });
  app.post('/api/v1/contacts/:id/erase', async (request) => {
    const { ctx, id } = await visibleContact(request);
    assertAdmin(ctx);
    const input = parse(eraseInput, request.body);
    const all = await registry.objects(ctx.db, ctx.workspace, null);
    return eraseContact(ctx, all, platform.files, id, input.confirm);
  });
}
