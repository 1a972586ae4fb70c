import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import { assertCanWrite, assertRecordId, getRecordJson } from '../../../server/engine';
import {
  exchangeRate,
  exchangeRateInput,
  leadConversion,
  leadConversionInput,
  stageHistoryEntry,
} from '../contract';
import { convertLead } from './conversion';
import { analyticsRoutes } from './analytics/routes';
import { forecastRoutes } from './forecast/routes';
import { defineAmountsInBaseJob } from './amountInBase';
import { deleteExchangeRate, listExchangeRates, setExchangeRate } from './exchangeRates';
import { insertMissingDefaultPipelines } from './pipelines';
import { stageHistory } from './stageHistory';

export function dealRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry, db } = platform;
  const id = (request: FastifyRequest) => {
    const value = (request.params as { id: string }).id;
    assertRecordId(value);
    return value;
  };
  // Workspaces from before pipelines existed get their default pipeline once the server is ready.
  app.addHook('onReady', () => db.write((tx) => insertMissingDefaultPipelines(tx)));
  forecastRoutes(app, platform);
  defineAmountsInBaseJob(platform);
  analyticsRoutes(app, platform);

  openapi.add({
    method: 'get',
    path: '/deals/{id}/stage-history',
    tag: 'Deals',
    summary: "The deal's stages, oldest first: when it entered and left each, who moved it, what it skipped",
    response: z.object({ data: z.array(stageHistoryEntry) }),
  });
  app.get('/api/v1/deals/:id/stage-history', async (request) => {
    const ctx = await platform.authenticate(request);
    const dealId = id(request);
    await getRecordJson(ctx, await registry.object(ctx.db, ctx.workspace, 'deals', ctx.role), dealId);
    return { data: await stageHistory(ctx, dealId) };
  });

  openapi.add({
    method: 'get',
    path: '/exchange-rates',
    tag: 'Deals',
    summary: "Exchange rates into the workspace's base currency, by currency and day",
    response: z.object({ data: z.array(exchangeRate) }),
  });
  app.get('/api/v1/exchange-rates', async (request) => ({
    data: await listExchangeRates(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'post',
    path: '/exchange-rates',
    tag: 'Deals',
    summary: "Set a currency's rate from a day on (admin); the same day again replaces it",
    body: exchangeRateInput,
    response: exchangeRate,
    status: 201,
  });
  app.post('/api/v1/exchange-rates', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await setExchangeRate(ctx, parse(exchangeRateInput, request.body)));
  });
  openapi.add({
    method: 'delete',
    path: '/exchange-rates/{id}',
    tag: 'Deals',
    summary: 'Remove a rate (admin)',
  });
  app.delete('/api/v1/exchange-rates/:id', async (request, reply) => {
    await deleteExchangeRate(await platform.authenticate(request), id(request));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'post',
    path: '/contacts/{id}/convert',
    tag: 'Contacts',
    summary:
      'Convert a lead: find or create its account (by domain, then name), qualify the contact and open a deal, in one transaction',
    body: leadConversionInput,
    response: leadConversion,
    status: 201,
  });
  app.post('/api/v1/contacts/:id/convert', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const contactId = id(request);
    const contact = JSON.parse(
      await getRecordJson(ctx, await registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role), contactId),
    ) as Record<string, unknown> & { id: string };
    assertCanWrite(ctx);
    const input = parse(leadConversionInput, request.body);
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    return reply.status(201).send(await convertLead(ctx, objects, contact, input));
  });
}
