import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { rows } from '../db/database';
import type { Platform } from '../platform';
import { parse } from '../http/validate';
import type { RequestContext } from './context';
import { baseConditions, tableOf } from './read';
import type { ResolvedObject } from './resolved';
import { searchCondition, searchScore } from './searchText';

export interface SearchHit {
  object: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

const searchQuery = z
  .object({
    q: z.string().trim().min(1, 'type something to search for').max(200),
    objects: z.string().max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

function titleOf(object: ResolvedObject): SQL {
  const d = object.declaration;
  return d.titleSql ?? sql`(${object.fields.get(d.titleField)?.expr ?? sql`t.id`})::text`;
}

function subtitleOf(object: ResolvedObject): SQL {
  const field = object.declaration.subtitleField
    ? object.fields.get(object.declaration.subtitleField)
    : undefined;
  return field ? sql`(${field.expr})::text` : sql`NULL::text`;
}

/** One ranked list across objects, by name, email, phone in any format and domain, typos tolerated. */
export async function searchAll(
  ctx: RequestContext,
  objects: ResolvedObject[],
  q: string,
  limit: number,
): Promise<SearchHit[]> {
  const searchable = objects.filter((o) => [...o.fields.values()].some((f) => f.spec.searchable));
  if (searchable.length === 0) return [];
  const parts = searchable.map(
    (
      o,
    ) => sql`(SELECT ${o.name}::text AS object, t.id, ${titleOf(o)} AS title, ${subtitleOf(o)} AS subtitle, ${searchScore(q)} AS score
      FROM ${tableOf(o)} WHERE ${sql.join([...baseConditions(ctx, o), searchCondition(q)], sql` AND `)}
      ORDER BY score DESC, t.id LIMIT ${limit})`,
  );
  const query = sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) hits ORDER BY score DESC, object, id LIMIT ${limit}`;
  return ctx.db.read((x) => rows<SearchHit>(x, query));
}

export function searchRoutes(app: FastifyInstance, platform: Platform) {
  platform.openapi.add({
    method: 'get',
    path: '/search',
    tag: 'Search',
    summary: 'Search across objects',
    query: { q: 'what to look for', objects: 'comma-separated object names', limit: '1 to 100' },
  });
  app.get('/api/v1/search', async (request) => {
    const ctx = await platform.authenticate(request);
    const query = parse(searchQuery, request.query);
    const all = await platform.registry.objects(ctx.db, ctx.workspace);
    const names = query.objects
      ? query.objects
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [...all.keys()];
    const unknown = names.filter((n) => !all.has(n));
    if (unknown.length)
      throw new ValidationFailed(`Unknown object(s): ${unknown.join(', ')}`, [
        { path: 'objects', message: `unknown: ${unknown.join(', ')}` },
      ]);
    const data = await searchAll(
      ctx,
      names.map((n) => all.get(n)!),
      query.q,
      query.limit,
    );
    platform.usage.record({
      workspaceId: ctx.workspace.id,
      userId: ctx.userId,
      object: null,
      action: 'search',
      recordId: null,
    });
    return { data };
  });
}
