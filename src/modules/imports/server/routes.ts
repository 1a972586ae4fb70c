import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertRecordId } from '../../../server/engine';
import { importPreview, importState, savedMapping, savedMappingInput } from '../contract';
import type { DuplicateRules } from './duplicates';
import { importLog } from './log';
import { deleteMapping, listMappings, saveMapping } from './mappings';
import { importJob, runImport, type ImportRunner } from './run';
import { cancelImport, previewImport, startImport } from './service';
import { importState as readState } from './store';
import { undoImport } from './undo';
import { photoRoutes } from './photoRoutes';
import { vcardRoutes } from './vcardRoutes';

const importForm = {
  file: { description: 'CSV (any delimiter and encoding), XLSX or vCard', file: true },
  object: { description: 'the object to import into, e.g. contacts' },
  mapping: {
    description:
      "JSON {column: field}; `account.<field>` finds or creates the account, and for contacts `deal.<field>` the deal (`deal.role`: the contact's role in it); vCard needs none",
    optional: true,
  },
  match: { description: 'JSON {field, onMatch: "skip"|"update"|"create"}', optional: true },
  dryRun: { description: '"true" to report what would happen and write nothing', optional: true },
} as const;

export function importRoutes(app: FastifyInstance, platform: Platform, duplicates: DuplicateRules | null) {
  const { openapi, registry, db, settings, jobs, files } = platform;
  let stopping = false;
  app.addHook('onClose', async () => {
    stopping = true;
  });
  const runner: ImportRunner = { db, registry, settings, files, duplicates, stopping: () => stopping };
  jobs.define<{ workspaceId: string; importId: string }>(
    importJob,
    (data) => runImport(runner, data.workspaceId, data.importId),
    // Few at once (each holds a batch in memory); a long file may run for an hour; a stop retries soon.
    { batchSize: 2, expireInSeconds: 3600, retryDelaySeconds: 1, backoff: false, retryLimit: 20 },
  );
  const id = (request: FastifyRequest) => {
    const value = (request.params as { id: string }).id;
    assertRecordId(value);
    return value;
  };
  const context = async (request: FastifyRequest) => {
    const ctx = await platform.authenticate(request);
    return { ctx, objects: await registry.objects(ctx.db, ctx.workspace, ctx.role) };
  };

  void app.register(async (uploads) => {
    await uploads.register(multipart);
    openapi.add({
      method: 'post',
      path: '/imports',
      tag: 'Imports',
      summary: 'Start an import from a file (multipart/form-data); 202 {id}, then poll GET /imports/{id}',
      form: importForm,
      response: z.object({ id: z.uuid() }),
      status: 202,
    });
    uploads.post('/api/v1/imports', async (request, reply) => {
      const { ctx, objects } = await context(request);
      return reply.status(202).send({ id: await startImport(runner, jobs, ctx, objects, request) });
    });
    openapi.add({
      method: 'post',
      path: '/imports/preview',
      tag: 'Imports',
      summary:
        'Headers, a suggested mapping and the first rows as they would be stored, with their errors (multipart/form-data)',
      form: importForm,
      response: importPreview,
    });
    uploads.post('/api/v1/imports/preview', async (request) => {
      const { ctx, objects } = await context(request);
      return previewImport(runner, ctx, objects, request);
    });
  });

  openapi.add({
    method: 'get',
    path: '/imports/{id}',
    tag: 'Imports',
    summary: 'Status, progress, counts and row errors of an import',
    response: importState,
  });
  app.get('/api/v1/imports/:id', async (request) => {
    const ctx = await platform.authenticate(request);
    return readState(ctx.db, ctx.workspace.id, id(request));
  });
  openapi.add({
    method: 'post',
    path: '/imports/{id}/cancel',
    tag: 'Imports',
    summary: 'Stop an import after its current batch',
    response: importState,
  });
  app.post('/api/v1/imports/:id/cancel', async (request) => {
    const ctx = await platform.authenticate(request);
    await cancelImport(ctx, id(request));
    return readState(ctx.db, ctx.workspace.id, id(request));
  });
  openapi.add({
    method: 'post',
    path: '/imports/{id}/undo',
    tag: 'Imports',
    summary: 'Revert an import: created records to the recycle bin, changed fields back',
    response: importState,
  });
  app.post('/api/v1/imports/:id/undo', async (request) => {
    const { ctx, objects } = await context(request);
    await undoImport(ctx, objects, files, id(request));
    return readState(ctx.db, ctx.workspace.id, id(request));
  });
  openapi.add({
    method: 'get',
    path: '/imports/{id}/log',
    tag: 'Imports',
    summary: 'The outcome of every row, as CSV',
    produces: ['text/csv'],
  });
  app.get('/api/v1/imports/:id/log', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const importId = id(request);
    const stream = await importLog(ctx, importId);
    return reply
      .header('content-disposition', `attachment; filename="import-${importId}-log.csv"`)
      .type('text/csv; charset=utf-8')
      .send(stream);
  });

  openapi.add({
    method: 'get',
    path: '/imports/mappings',
    tag: 'Imports',
    summary: 'Saved mappings',
    query: { object: 'only those of this object' },
    response: z.object({ data: z.array(savedMapping) }),
  });
  app.get('/api/v1/imports/mappings', async (request) => {
    const ctx = await platform.authenticate(request);
    const query = parse(z.object({ object: z.string().max(100).optional() }).strict(), request.query);
    return { data: await listMappings(ctx, query.object) };
  });
  openapi.add({
    method: 'post',
    path: '/imports/mappings',
    tag: 'Imports',
    summary: 'Save a mapping by name (the same name replaces it)',
    body: savedMappingInput,
    response: savedMapping,
    status: 201,
  });
  app.post('/api/v1/imports/mappings', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await saveMapping(ctx, parse(savedMappingInput, request.body)));
  });
  openapi.add({
    method: 'delete',
    path: '/imports/mappings/{id}',
    tag: 'Imports',
    summary: 'Forget a saved mapping',
  });
  app.delete('/api/v1/imports/mappings/:id', async (request, reply) => {
    await deleteMapping(await platform.authenticate(request), id(request));
    return reply.status(204).send();
  });
  vcardRoutes(app, platform);
  photoRoutes(app, platform);
}
