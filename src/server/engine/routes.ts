import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import type { Platform } from '../platform';
import { parse } from '../http/validate';
import { binQuery, getBinned, listBin, purgeBinned } from './bin';
import { BulkSlots } from './bulkSlots';
import { changeMatching, parseBulkMatching } from './bulkMatching';
import { aggregateFromBody, aggregateJson, aggregateRecords } from './aggregate';
import type { RequestContext } from './context';
import { exportRecords } from './export';
import { readHistory } from './history';
import { onceForKey } from './idempotency';
import { listFromBody, listFromQueryString, versionFromIfMatch } from './listParams';
import { assertRecordId, getRecordJson, listRecords, pageJson, versionOf, type ListRequest } from './read';
import { writeTransaction, type ObjectMap } from './records';
import type { ResolvedObject } from './resolved';

const bulkBody = z
  .object({
    create: z.array(z.unknown()).optional(),
    update: z.array(z.object({ id: z.uuid() }).passthrough()).optional(),
    delete: z.array(z.uuid()).optional(),
    restore: z.array(z.uuid()).optional(),
  })
  .strict()
  .refine(
    (b) =>
      (b.create?.length ?? 0) +
        (b.update?.length ?? 0) +
        (b.delete?.length ?? 0) +
        (b.restore?.length ?? 0) <=
      1000,
    'at most 1,000 rows in all',
  );

/** Bulk writes that run at once in one server process; more wait their turn (memory stays bounded). */
const bulkWritesAtOnce = 2;

const historyQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.uuid().optional() })
  .strict();

/** A record's JSON with the included related data (`,"name":…` text) added to it. */
const withIncluded = (json: string, extra: string) => (extra ? `${json.slice(0, -1)}${extra}}` : json);

function sendRecord(reply: FastifyReply, json: string, status = 200) {
  return reply
    .status(status)
    .header('etag', `"${versionOf(json)}"`)
    .type('application/json')
    .send(json);
}

/** The record endpoints of API.md, served for every object, standard or custom, from its declaration. */
export function recordRoutes(app: FastifyInstance, platform: Platform) {
  const { registry, usage } = platform;
  const bulkSlots = new BulkSlots(bulkWritesAtOnce);

  async function resolve(
    request: FastifyRequest,
  ): Promise<{ ctx: RequestContext; object: ResolvedObject; objects: ObjectMap }> {
    const ctx = await platform.authenticate(request);
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    const name = (request.params as { object: string }).object;
    const object = await registry.object(ctx.db, ctx.workspace, name, ctx.role);
    return { ctx, object, objects };
  }
  const reportAfterCommit = (request: FastifyRequest) => (error: unknown) =>
    request.log.error({ err: error }, 'an after-commit hook failed');
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    assertRecordId(id);
    return id;
  };
  const track = (
    ctx: RequestContext,
    object: string,
    action: Parameters<typeof usage.record>[0]['action'],
    recordId: string | null = null,
    count = 1,
  ) => usage.record({ workspaceId: ctx.workspace.id, userId: ctx.userId, object, action, recordId, count });

  app.get('/api/v1/:object', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    const page = await listRecords(ctx, object, listFromQueryString(request.query));
    track(ctx, object.name, 'list');
    return reply.type('application/json').send(pageJson(page));
  });

  app.post('/api/v1/:object/query', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    const page = await listRecords(ctx, object, listFromBody(request.body));
    track(ctx, object.name, 'list');
    return reply.type('application/json').send(pageJson(page));
  });

  app.post('/api/v1/:object/aggregate', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    const result = await aggregateRecords(ctx, object, aggregateFromBody(request.body));
    track(ctx, object.name, 'list');
    return reply.type('application/json').send(aggregateJson(result));
  });

  /** Streams every record the list request matches, as CSV or XLSX. */
  async function sendExport(
    request: FastifyRequest,
    reply: FastifyReply,
    list: ListRequest,
    format: 'csv' | 'xlsx',
  ) {
    const { ctx, object } = await resolve(request);
    const stream = await exportRecords(ctx, object, list, format);
    track(ctx, object.name, 'export');
    const stamp = new Date().toISOString().slice(0, 10);
    reply
      .header('content-disposition', `attachment; filename="${object.name}-${stamp}.${format}"`)
      .type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    return reply.send(stream);
  }

  /** CSV unless asked otherwise; anything but csv or xlsx is a 400, never a file of another kind. */
  function exportFormat(format: unknown = 'csv'): 'csv' | 'xlsx' {
    if (format === 'csv' || format === 'xlsx') return format;
    throw new ValidationFailed('format is csv or xlsx', [{ path: 'format', message: 'must be csv or xlsx' }]);
  }

  app.get('/api/v1/:object/export', async (request, reply) => {
    const format = exportFormat((request.query as { format?: unknown }).format);
    return sendExport(request, reply, listFromQueryString(request.query), format);
  });

  // The same with a query body, for filter trees with or/not groups that a query string cannot carry.
  app.post('/api/v1/:object/export', async (request, reply) => {
    const { format, ...body } = (request.body ?? {}) as { format?: unknown };
    return sendExport(request, reply, listFromBody(body), exportFormat(format));
  });

  app.post('/api/v1/:object', async (request, reply) => {
    const { ctx, object, objects } = await resolve(request);
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key.trim() ? key.trim().slice(0, 200) : null;
    const result = await writeTransaction(
      ctx,
      objects,
      async (records, tx) => {
        const create = async () =>
          (await records.create(object.name, [{ body: request.body, path: '' }]))[0].json;
        return idempotencyKey
          ? onceForKey(ctx, tx, object.name, idempotencyKey, request.body, create)
          : { json: await create(), replayed: false };
      },
      reportAfterCommit(request),
    );
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    const include = (request.query as { include?: string }).include?.split(',') ?? [];
    const names = [...new Set([...platform.createIncludes(object), ...include])];
    const id = (JSON.parse(result.json) as { id: string }).id;
    const extra = names.length ? await platform.includes(ctx, object.name, id, names) : '';
    return sendRecord(reply, withIncluded(result.json, extra), 201);
  });

  app.post('/api/v1/:object/bulk', async (request, reply) => {
    const { ctx, object, objects } = await resolve(request);
    const body = parse(bulkBody, request.body);
    const result = await bulkSlots.run(() =>
      writeTransaction(
        ctx,
        objects,
        (records) => records.bulk(object.name, body),
        reportAfterCommit(request),
      ),
    );
    const list = (saved: { json: string }[]) => saved.map((s) => s.json).join(',');
    return reply
      .type('application/json')
      .send(
        `{"created":[${list(result.created)}],"updated":[${list(result.updated)}],"deleted":${JSON.stringify(result.deleted)},"restored":${JSON.stringify(result.restored)}}`,
      );
  });

  app.post('/api/v1/:object/bulk/matching', async (request) => {
    const { ctx, object, objects } = await resolve(request);
    const body = parseBulkMatching(request.body);
    const result = await bulkSlots.run(() =>
      writeTransaction(
        ctx,
        objects,
        (records, tx) => changeMatching(ctx, records, tx, object, body),
        reportAfterCommit(request),
      ),
    );
    track(ctx, object.name, body.delete ? 'delete' : 'update', null, result.matched);
    return result;
  });

  app.get('/api/v1/:object/:id', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    const id = idOf(request);
    const json = await getRecordJson(ctx, object, id);
    track(ctx, object.name, 'view', id);
    const include = (request.query as { include?: string }).include;
    const extra = include ? await platform.includes(ctx, object.name, id, include.split(',')) : '';
    return sendRecord(reply, withIncluded(json, extra));
  });

  app.patch('/api/v1/:object/:id', async (request, reply) => {
    const { ctx, object, objects } = await resolve(request);
    const id = idOf(request);
    const ifMatch = versionFromIfMatch(request.headers['if-match']);
    const [updated] = await writeTransaction(
      ctx,
      objects,
      (records) => records.update(object.name, [{ id, body: request.body, path: '', ifMatch }]),
      reportAfterCommit(request),
    );
    return sendRecord(reply, updated.json);
  });

  app.delete('/api/v1/:object/:id', async (request, reply) => {
    const { ctx, object, objects } = await resolve(request);
    const id = idOf(request);
    await writeTransaction(
      ctx,
      objects,
      (records) => records.delete(object.name, [id]),
      reportAfterCommit(request),
    );
    return reply.status(204).send();
  });

  app.post('/api/v1/:object/:id/restore', async (request, reply) => {
    const { ctx, object, objects } = await resolve(request);
    const id = idOf(request);
    await writeTransaction(
      ctx,
      objects,
      (records) => records.restore(object.name, [id]),
      reportAfterCommit(request),
    );
    return sendRecord(reply, await getRecordJson(ctx, object, id));
  });

  app.get('/api/v1/:object/bin', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    return reply.type('application/json').send(await listBin(ctx, object, parse(binQuery, request.query)));
  });

  app.get('/api/v1/:object/bin/:id', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    return reply.type('application/json').send(await getBinned(ctx, object, idOf(request)));
  });

  app.delete('/api/v1/:object/bin/:id', async (request, reply) => {
    const { ctx, object } = await resolve(request);
    await purgeBinned(ctx, object, idOf(request));
    return reply.status(204).send();
  });

  app.get('/api/v1/:object/:id/history', async (request) => {
    const { ctx, object } = await resolve(request);
    const id = idOf(request);
    const query = parse(historyQuery, request.query);
    await getRecordJson(ctx, object, id);
    const found = await ctx.db.read((x) =>
      readHistory(x, ctx.workspace.id, object.name, id, query.limit + 1, query.cursor),
    );
    const page = found.slice(0, query.limit);
    // Changes of fields hidden from the caller's role are left out, and so are entries of nothing else.
    const seen = (field: string) => field === 'deletedAt' || object.fields.has(field);
    return {
      data: page
        .map(({ id: _id, ...entry }) => ({ ...entry, changes: entry.changes.filter((c) => seen(c.field)) }))
        .filter((entry) => entry.changes.length > 0),
      nextCursor: found.length > query.limit ? page[page.length - 1].id : null,
    };
  });
}
