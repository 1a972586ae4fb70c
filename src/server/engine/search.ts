import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { rows } from '../db/database';
import type { Platform } from '../platform';
import { parse } from '../http/validate';
import type { RequestContext } from './context';
import { baseConditions, tableOf } from './tableScope';
import { tableAlias, type ResolvedObject } from './resolved';
import {
  digitsCondition,
  fuzzyCondition,
  isPhoneQuery,
  normaliseQuery,
  prefixQuery,
  storedSearch,
  visibleSearch,
  wordsCondition,
  type SearchColumns,
} from './searchText';

export interface SearchHit {
  object: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

/** What a search answers: the hits of every object, best first. */
const searchAnswer = z.object({
  data: z.array(
    z.object({
      object: z.string(),
      id: z.string(),
      title: z.string(),
      subtitle: z.string().nullable(),
      score: z.number(),
    }),
  ),
});

const searchQuery = z
  .object({
    q: z.string().trim().min(1, 'type something to search for').max(200),
    objects: z.string().max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** SQL for the title a record is shown by (its name), on its object's main alias. */
export function titleOf(object: ResolvedObject): SQL {
  const d = object.declaration;
  return (
    d.titleSql?.(tableAlias(object.alias)) ??
    sql`(${object.fields.get(d.titleField)?.expr ?? object.fields.get('id')?.expr})::text`
  );
}

function subtitleOf(object: ResolvedObject): SQL {
  const field = object.declaration.subtitleField
    ? object.fields.get(object.declaration.subtitleField)
    : undefined;
  return field ? sql`(${field.expr})::text` : sql`NULL::text`;
}

// Each pass scores at most this many candidates per object, so a common name costs the same as a rare one.
const candidates = 200;
// Every object of a search is read on its main alias.
const stored = storedSearch(tableAlias('t'));

/**
 * One pass over the objects: `match` on the stored search text, and, for an object with searchable
 * fields hidden from the caller, on the text of the fields they may see too.
 */
function pass(
  ctx: RequestContext,
  objects: ResolvedObject[],
  q: string,
  match: (columns: SearchColumns) => SQL,
  score: SQL,
  limit: number,
): SQL {
  const titleQuery = normaliseQuery(q);
  const parts = objects.map((o) => {
    const visible = visibleSearch(o);
    const conditions = [...baseConditions(ctx, o), match(stored), ...(visible ? [match(visible)] : [])];
    // A record whose own name matches ranks above records that only mention it (people at a company).
    const titleMatch = sql`word_similarity(${titleQuery}, lower(${titleOf(o)}))::float8`;
    return sql`(SELECT ${o.name}::text AS object, t.id, ${titleOf(o)} AS title, ${subtitleOf(o)} AS subtitle, ${score} + ${titleMatch} AS score
      FROM (SELECT t.* FROM ${tableOf(o)} WHERE ${sql.join(conditions, sql` AND `)} LIMIT ${candidates}) t
      ORDER BY score DESC, t.id LIMIT ${limit})`;
  });
  return sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) hits ORDER BY score DESC, object, id LIMIT ${limit}`;
}

/**
 * One ranked list across objects, by name, email, phone in any format and domain. Phone numbers match
 * their digits; words match as prefixes, and only when that finds nothing, names match by similar
 * words (small typos).
 */
export async function searchAll(
  ctx: RequestContext,
  objects: ResolvedObject[],
  q: string,
  limit: number,
): Promise<SearchHit[]> {
  const searchable = objects.filter((o) => [...o.fields.values()].some((f) => f.spec.searchable));
  if (searchable.length === 0) return [];
  if (isPhoneQuery(q))
    return ctx.db.read((x) =>
      rows<SearchHit>(
        x,
        pass(ctx, searchable, q, (c) => digitsCondition(q, c), sql`1::float8`, limit),
      ),
    );
  const prefix = prefixQuery(q);
  const rank = prefix
    ? sql`(1 + ts_rank(t.search_vector, to_tsquery('simple', ${prefix})))::float8`
    : sql`1::float8`;
  return ctx.db.read(async (x) => {
    const hits = await rows<SearchHit>(
      x,
      pass(ctx, searchable, q, (c) => wordsCondition(q, c), rank, limit),
    );
    // Similar names only when no word matched: a typo. Near misses of a name that was found would
    // cost a scan of every similar name (all the Johns) and rank below it anyway.
    if (hits.length > 0) return hits;
    const similar = sql`word_similarity(${normaliseQuery(q)}, ${stored.names})::float8`;
    return rows<SearchHit>(
      x,
      pass(ctx, searchable, q, (c) => fuzzyCondition(q, c), similar, limit),
    );
  });
}

export function searchRoutes(app: FastifyInstance, platform: Platform) {
  platform.openapi.add({
    method: 'get',
    path: '/search',
    tag: 'Search',
    summary: 'Search across objects',
    query: { q: 'what to look for', objects: 'comma-separated object names', limit: '1 to 100' },
    response: searchAnswer,
  });
  app.get('/api/v1/search', async (request) => {
    const ctx = await platform.authenticate(request);
    const query = parse(searchQuery, request.query);
    const all = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
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
