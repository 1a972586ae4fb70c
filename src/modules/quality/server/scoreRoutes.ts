import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../../common/errors';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertAdmin, assertRecordId } from '../../../server/engine';
import {
  invalidRecords,
  invalidRecordsQuery,
  objectQualityAnswer,
  qualityGroups,
  qualityGroupsQuery,
  qualityQuery,
  qualityTrend,
  snapshotAnswer,
  snapshotInput,
  trendQuery,
  contactQuality,
  worstRecords,
  worstRecordsQuery,
} from '../contract';
import { invalidRecordsOf, invalidValuesOf, recordInvalidOf } from './invalidCounts';
import { contactReachability } from './reachability';
import { defineSnapshotJob, qualityTrendOf, takeSnapshots } from './snapshots';
import { objectQualityOf, qualityByGroup, recordScores } from './scores';

const objectParams = z.object({ object: z.string().min(1).max(100) });

/** The data quality view: completeness per object and field, record scores, the worst records, the trend. */
export function scoreRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  defineSnapshotJob(platform);
  const objectOf = async (ctx: Awaited<ReturnType<Platform['authenticate']>>, name: string) =>
    registry.object(ctx.db, ctx.workspace, name, ctx.role);

  openapi.add({
    method: 'get',
    path: '/quality/objects/{object}',
    tag: 'Data quality',
    summary:
      "An object's completeness (average record score, share of records with each field, duplicates waiting) and its invalid values: per validation rule and field format, the records breaking it",
    query: { staleMonths: 'months without a change that make a record stale, default 6' },
    response: objectQualityAnswer,
  });
  app.get('/api/v1/quality/objects/:object', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object } = parse(objectParams, request.params);
    const { staleMonths } = parse(qualityQuery, request.query);
    const resolved = await objectOf(ctx, object);
    const completeness = await objectQualityOf(ctx, resolved, staleMonths);
    return { ...completeness, invalid: await invalidValuesOf(ctx, resolved) };
  });

  openapi.add({
    method: 'get',
    path: '/quality/objects/{object}/invalid',
    tag: 'Data quality',
    summary:
      'The records (as the caller may see them) that break one check of the object view: id, name and the value, by id',
    query: {
      check: 'the check: rule:<rule id> or format:<field>',
      limit: '1 to 200, default 50',
      cursor: 'nextCursor of the page before',
    },
    response: invalidRecords,
  });
  app.get('/api/v1/quality/objects/:object/invalid', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object } = parse(objectParams, request.params);
    const query = parse(invalidRecordsQuery, request.query);
    return invalidRecordsOf(ctx, await objectOf(ctx, object), query);
  });

  openapi.add({
    method: 'get',
    path: '/quality/objects/{object}/groups',
    tag: 'Data quality',
    summary:
      "Completeness per owner or per the owner's team: records, average score, stale records, each field",
    query: {
      by: 'owner (default) or team',
      staleMonths: 'months without a change that make a record stale, default 6',
    },
    response: qualityGroups,
  });
  app.get('/api/v1/quality/objects/:object/groups', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object } = parse(objectParams, request.params);
    const { by, staleMonths } = parse(qualityGroupsQuery, request.query);
    return { data: await qualityByGroup(ctx, await objectOf(ctx, object), by, staleMonths) };
  });

  openapi.add({
    method: 'get',
    path: '/quality/worst',
    tag: 'Data quality',
    summary: 'The records of an object with the lowest quality scores, and what each is missing',
    query: { object: 'the object', limit: '1 to 200' },
    response: worstRecords,
  });
  openapi.add({
    method: 'get',
    path: '/quality/objects/{object}/trend',
    tag: 'Data quality',
    summary:
      "An object's quality day by day (the daily snapshots): score, records, stale records, duplicates waiting, each field",
    query: { days: 'how many days back, 1 to 730, default 90' },
    response: qualityTrend,
  });
  app.get('/api/v1/quality/objects/:object/trend', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object } = parse(objectParams, request.params);
    const { days } = parse(trendQuery, request.query);
    return qualityTrendOf(ctx, await objectOf(ctx, object), days);
  });

  openapi.add({
    method: 'post',
    path: '/quality/snapshots',
    tag: 'Data quality',
    summary: "Take today's quality snapshot now, of one object or all (admin; the daily job takes it too)",
    body: snapshotInput,
    response: snapshotAnswer,
  });
  app.post('/api/v1/quality/snapshots', async (request) => {
    const ctx = await platform.authenticate(request);
    assertAdmin(ctx);
    const input = parse(snapshotInput, request.body ?? {});
    const all = await registry.objects(ctx.db, ctx.workspace, null);
    const objects = input.object ? [await objectOf(ctx, input.object)] : [...all.values()];
    return takeSnapshots(ctx, objects);
  });

  app.get('/api/v1/quality/worst', async (request) => {
    const ctx = await platform.authenticate(request);
    const query = parse(worstRecordsQuery, request.query);
    return { data: await recordScores(ctx, await objectOf(ctx, query.object), { worst: query.limit }) };
  });

  openapi.add({
    method: 'get',
    path: '/{object}/{id}/quality',
    tag: 'Data quality',
    summary:
      "A record's quality score (0 to 100), the fields that would raise it and the values that break a rule or their format; for a contact, its email bounces and whether its emails stopped",
    response: contactQuality,
  });
  app.get('/api/v1/:object/:id/quality', async (request) => {
    const ctx = await platform.authenticate(request);
    const params = parse(z.object({ object: z.string().min(1).max(100), id: z.string() }), request.params);
    assertRecordId(params.id);
    const object = await objectOf(ctx, params.object);
    const [found] = await recordScores(ctx, object, { id: params.id });
    if (!found) throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${params.id}`);
    const invalid = await ctx.db.read((x) => recordInvalidOf(ctx, x, object, found.id));
    const answer = { id: found.id, score: found.score, missing: found.missing, invalid };
    return object.name === 'contacts' ? { ...answer, ...(await contactReachability(ctx, found.id)) } : answer;
  });
}
