import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertCanWrite, assertRecordId, getRecordJson } from '../../../server/engine';
import {
  dismissInput,
  duplicateQueue as queueAnswer,
  duplicateQueueQuery,
  duplicatesAnswer,
  mergeAnswer,
  mergeInput,
  mergeState as mergeStateSchema,
  provenanceAnswer,
  qualitySettings,
  qualitySettingsInput,
  scanInput,
  scanState as scanStateSchema,
} from '../contract';
import { duplicatesOf, duplicatesOfUnsaved } from './duplicates';
import { mergeRecords } from './merge';
import { dismissPair, duplicateQueue, forgetPairs, readSettings, writeSettings } from './queue';
import { recordProvenance } from './provenance';
import { readScan, runScan, scanJob, startScan } from './scan';
import { loadMerge, mergeState, undoMerge } from './unmerge';

export function qualityRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry, jobs, db } = platform;
  jobs.define<{ workspaceId: string; scanId: string }>(
    scanJob,
    (data) => runScan(db, registry, data.workspaceId, data.scanId),
    {
      batchSize: 1,
      expireInSeconds: 3600,
      retryDelaySeconds: 5,
    },
  );
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    assertRecordId(id);
    return id;
  };
  const resolve = async (request: FastifyRequest, name = (request.params as { object: string }).object) => {
    const ctx = await platform.authenticate(request);
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    const object = await registry.object(ctx.db, ctx.workspace, name, ctx.role);
    return { ctx, objects, object };
  };
  const runAfterCommit = async (request: FastifyRequest, tasks: (() => Promise<void>)[]) => {
    for (const task of tasks)
      await task().catch((error: unknown) =>
        request.log.error({ err: error }, 'an after-commit hook failed'),
      );
  };

  openapi.add({
    method: 'get',
    path: '/{object}/{id}/duplicates',
    tag: 'Duplicates',
    summary: 'Likely duplicates of a record, most alike first',
    response: duplicatesAnswer,
  });
  app.get('/api/v1/:object/:id/duplicates', async (request) => {
    const { ctx, object } = await resolve(request);
    const id = idOf(request);
    await getRecordJson(ctx, object, id);
    return { data: await ctx.db.read((x) => duplicatesOf(ctx, x, object, id)) };
  });

  openapi.add({
    method: 'get',
    path: '/{object}/{id}/provenance',
    tag: 'Data quality',
    summary:
      "Where each field's value came from: the last change, by whom, through what (import file and row, merge), when",
    response: provenanceAnswer,
  });
  app.get('/api/v1/:object/:id/provenance', async (request) => {
    const { ctx, object } = await resolve(request);
    const id = idOf(request);
    await getRecordJson(ctx, object, id);
    return { data: await recordProvenance(ctx, object, id, platform.changeOrigin) };
  });

  openapi.add({
    method: 'post',
    path: '/{object}/duplicates/check',
    tag: 'Duplicates',
    summary:
      'Likely duplicates of a record before it is created (the body of its create; nothing is saved; 400 as the create would)',
    response: duplicatesAnswer,
  });
  app.post('/api/v1/:object/duplicates/check', async (request) => {
    const { ctx, objects, object } = await resolve(request);
    return { data: await duplicatesOfUnsaved(ctx, objects, object, request.body) };
  });

  openapi.add({
    method: 'post',
    path: '/{object}/merge',
    tag: 'Duplicates',
    summary:
      'Merge records into a survivor: chosen values, every related record moved, the others to the recycle bin',
    body: mergeInput,
    response: mergeAnswer,
  });
  app.post('/api/v1/:object/merge', async (request, reply) => {
    const { ctx, objects, object } = await resolve(request);
    assertCanWrite(ctx);
    const input = parse(mergeInput, request.body);
    const all = await registry.objects(ctx.db, ctx.workspace, null);
    const { mergeId, tasks } = await mergeRecords(
      ctx,
      objects,
      all,
      object,
      input,
      platform.mergeMoves(object.name),
    );
    await runAfterCommit(request, tasks);
    await forgetPairs(ctx, object.name, input.mergedIds);
    const record = await getRecordJson(ctx, object, input.survivorId);
    return reply.type('application/json').send(`{"mergeId":${JSON.stringify(mergeId)},"record":${record}}`);
  });

  openapi.add({
    method: 'get',
    path: '/merges/{id}',
    tag: 'Duplicates',
    summary: 'A merge: survivor, merged records, related records moved',
    response: mergeStateSchema,
  });
  app.get('/api/v1/merges/:id', async (request) => {
    const ctx = await platform.authenticate(request);
    return mergeState(await loadMerge(ctx, idOf(request)));
  });
  openapi.add({
    method: 'post',
    path: '/merges/{id}/undo',
    tag: 'Duplicates',
    summary: 'Undo a merge: the merged records and every related record back where they were',
    response: mergeStateSchema,
  });
  app.post('/api/v1/merges/:id/undo', async (request) => {
    const ctx = await platform.authenticate(request);
    assertCanWrite(ctx);
    const id = idOf(request);
    const merge = await loadMerge(ctx, id);
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    const all = await registry.objects(ctx.db, ctx.workspace, null);
    await runAfterCommit(
      request,
      await undoMerge(ctx, objects, all, merge.id, (name) => platform.mergeMoves(name)),
    );
    return mergeState(await loadMerge(ctx, id));
  });

  openapi.add({
    method: 'get',
    path: '/duplicates',
    tag: 'Duplicates',
    summary: 'The review queue of an object: pairs the scan found, best score first',
    query: { object: 'the object', limit: '1 to 200', cursor: 'from nextCursor' },
    response: queueAnswer,
  });
  app.get('/api/v1/duplicates', async (request) => {
    const query = parse(duplicateQueueQuery, request.query);
    const { ctx, object } = await resolve(request, query.object);
    return duplicateQueue(ctx, object, query.limit, query.cursor);
  });
  openapi.add({
    method: 'post',
    path: '/duplicates/scan',
    tag: 'Duplicates',
    summary: 'Scan an object for duplicates in the background (202)',
    body: scanInput,
    response: scanStateSchema,
    status: 202,
  });
  app.post('/api/v1/duplicates/scan', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(scanInput, request.body);
    return reply.status(202).send(await startScan(ctx, registry, jobs, input.object));
  });
  openapi.add({
    method: 'get',
    path: '/duplicates/scans/{id}',
    tag: 'Duplicates',
    summary: 'Progress of a scan',
    response: scanStateSchema,
  });
  app.get('/api/v1/duplicates/scans/:id', async (request) =>
    readScan(await platform.authenticate(request), idOf(request)),
  );
  openapi.add({
    method: 'post',
    path: '/duplicates/dismiss',
    tag: 'Duplicates',
    summary: 'Take a pair off the queue: not duplicates',
    body: dismissInput,
  });
  app.post('/api/v1/duplicates/dismiss', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(dismissInput, request.body);
    await registry.object(ctx.db, ctx.workspace, input.object, ctx.role);
    await dismissPair(ctx, input.object, input.recordIds);
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/quality/settings',
    tag: 'Duplicates',
    summary:
      "The workspace's duplicate threshold and, per object, the months after which a value is possibly stale",
    response: qualitySettings,
  });
  app.get('/api/v1/quality/settings', async (request) => readSettings(await platform.authenticate(request)));
  openapi.add({
    method: 'patch',
    path: '/quality/settings',
    tag: 'Duplicates',
    summary:
      "Set the duplicate threshold or the months after which an object's values are possibly stale (admin)",
    body: qualitySettingsInput,
    response: qualitySettings,
  });
  app.patch('/api/v1/quality/settings', async (request) =>
    writeSettings(await platform.authenticate(request), parse(qualitySettingsInput, request.body)),
  );
}
