import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertRecordId, getRecordJson, writeTransaction, type RequestContext } from '../../../server/engine';
import {
  quoteApproval,
  quoteSettings,
  quoteSettingsInput,
  sendQuoteInput,
  sentQuote,
  shareInput,
  shareLink,
} from '../contract';
import { approvalsOf } from './approvals';
import { createQuoteLink } from './customerLink';
import { printQuote } from './printing';
import { publicQuoteRoutes } from './publicRoutes';
import { sendQuote } from './sending';
import { quoteSettingsOf, updateQuoteSettings } from './settings';

export function quoteRoutes(app: FastifyInstance, platform: Platform) {
  /** The customer's page of a quote: at the configured address, else the one the signed-in user reached. */
  const customerUrl = (request: FastifyRequest, token: string) =>
    `${(platform.settings.RAPPORT_PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')}/q/${token}`;
  const { openapi, registry } = platform;
  const id = (request: FastifyRequest) => {
    const value = (request.params as { id: string }).id;
    assertRecordId(value);
    return value;
  };
  const visibleQuote = async (ctx: RequestContext, quoteId: string) =>
    JSON.parse(
      await getRecordJson(ctx, await registry.object(ctx.db, ctx.workspace, 'quotes', ctx.role), quoteId),
    ) as Record<string, unknown> & { id: string; status: string; dealId: string };

  openapi.add({
    method: 'get',
    path: '/quote-settings',
    tag: 'Quotes',
    summary: 'The workspace’s quoting rules: approval threshold, tax rates by category, company, terms, logo',
    response: quoteSettings,
  });
  app.get('/api/v1/quote-settings', async (request) => {
    const ctx = await platform.authenticate(request);
    return ctx.db.read((x) => quoteSettingsOf(x, ctx.workspace.id));
  });
  openapi.add({
    method: 'patch',
    path: '/quote-settings',
    tag: 'Quotes',
    summary: 'Change the quoting rules (admin)',
    body: quoteSettingsInput,
    response: quoteSettings,
  });
  app.patch('/api/v1/quote-settings', async (request) => {
    const ctx = await platform.authenticate(request);
    return updateQuoteSettings(ctx, parse(quoteSettingsInput, request.body));
  });

  openapi.add({
    method: 'post',
    path: '/quotes/{id}/revise',
    tag: 'Quotes',
    summary: 'A new version of the quote with its lines and prices; the older version becomes read-only',
    response: z.record(z.string(), z.unknown()),
    status: 201,
  });
  app.post('/api/v1/quotes/:id/revise', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const quote = await visibleQuote(ctx, id(request));
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    const [created] = await writeTransaction(ctx, objects, (records) =>
      records.create('quotes', [{ body: { dealId: quote.dealId, previousId: quote.id }, path: '' }]),
    );
    return reply.status(201).header('etag', '"1"').type('application/json').send(created.json);
  });

  openapi.add({
    method: 'get',
    path: '/quotes/{id}/approvals',
    tag: 'Quotes',
    summary: 'Approval requests and decisions on the quote, with comments, oldest first',
    response: z.object({ data: z.array(quoteApproval) }),
  });
  app.get('/api/v1/quotes/:id/approvals', async (request) => {
    const ctx = await platform.authenticate(request);
    const quote = await visibleQuote(ctx, id(request));
    return { data: await approvalsOf(ctx, quote.id) };
  });

  openapi.add({
    method: 'get',
    path: '/quotes/{id}/pdf',
    tag: 'Quotes',
    summary: 'The quote as a PDF (application/pdf): logo and address, lines, totals, terms',
    produces: ['application/pdf'],
  });
  app.get('/api/v1/quotes/:id/pdf', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const quote = await visibleQuote(ctx, id(request));
    const { pdf, filename } = await printQuote(ctx, quote);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(pdf);
  });

  openapi.add({
    method: 'post',
    path: '/quotes/{id}/share',
    tag: 'Quotes',
    summary:
      'Mark the quote sent (if it is not yet) and answer a customer link: unguessable, expiring, shown only here',
    body: shareInput,
    response: shareLink,
    status: 201,
  });
  app.post('/api/v1/quotes/:id/share', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const quote = await visibleQuote(ctx, id(request));
    const { expiresInDays } = parse(shareInput, request.body ?? {});
    if (quote.status !== 'sent') {
      const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
      await writeTransaction(ctx, objects, (records) =>
        records.update('quotes', [{ id: quote.id, body: { status: 'sent' }, path: '' }]),
      );
    }
    const link = await createQuoteLink(ctx, quote.id, expiresInDays);
    return reply.status(201).send({ url: customerUrl(request, link.token), ...link });
  });

  openapi.add({
    method: 'post',
    path: '/quotes/{id}/send',
    tag: 'Quotes',
    summary:
      "Email the quote with its PDF attached (to the deal's decision maker unless told), log it on the deal's and account's timelines, and mark it sent",
    body: sendQuoteInput,
    response: sentQuote,
    status: 201,
  });
  app.post('/api/v1/quotes/:id/send', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const quote = await visibleQuote(ctx, id(request));
    const input = parse(sendQuoteInput, request.body ?? {});
    return reply
      .status(201)
      .send(await sendQuote(platform, ctx, quote, input, (t) => customerUrl(request, t)));
  });

  publicQuoteRoutes(app, platform);
}
