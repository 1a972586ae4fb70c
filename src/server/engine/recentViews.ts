import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recentView, type RecentView } from '../../common/recentViews';
import { rows } from '../db/database';
import { parse } from '../http/validate';
import type { Platform } from '../platform';
import type { RequestContext } from './context';
import type { ResolvedObject } from './resolved';
import { titleOf } from './search';
import { baseConditions, tableOf } from './tableScope';

const recentQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }).strict();

/** How far back a view counts, and how many of the newest views are read to find that many records. */
const lookBackDays = 30;
const viewsRead = 200;

/**
 * The records the user opened lately, newest first, each once, named as search names them. Read from
 * the usage events of record views (a partial index by user and time); a record since deleted, or no
 * longer visible to the user, is left out.
 */
export async function recentlyViewed(
  ctx: RequestContext,
  objects: Map<string, ResolvedObject>,
  limit: number,
): Promise<RecentView[]> {
  return ctx.db.read(async (x) => {
    const views = await rows<{ object: string; id: string; viewedAt: string }>(
      x,
      sql`SELECT object, record_id AS id,
          to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "viewedAt"
        FROM (SELECT object, record_id, at FROM usage_events
          WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${ctx.userId} AND action = 'view'
            AND record_id IS NOT NULL AND at > now() - make_interval(days => ${lookBackDays})
          ORDER BY at DESC LIMIT ${viewsRead}) v
        GROUP BY object, record_id ORDER BY max(at) DESC`,
    );
    const titles = new Map<string, string>();
    for (const name of new Set(views.map((v) => v.object))) {
      const object = objects.get(name);
      if (!object) continue;
      const ids = `{${views.filter((v) => v.object === name).map((v) => v.id)}}`;
      const found = await rows<{ id: string; title: string }>(
        x,
        sql`SELECT t.id, ${titleOf(object)} AS title FROM ${tableOf(object)}
          WHERE ${sql.join([...baseConditions(ctx, object), sql`t.id = ANY(${ids}::uuid[])`], sql` AND `)}`,
      );
      for (const r of found) titles.set(`${name}/${r.id}`, r.title);
    }
    return views
      .filter((v) => titles.has(`${v.object}/${v.id}`))
      .slice(0, limit)
      .map((v) => ({ ...v, title: titles.get(`${v.object}/${v.id}`)! }));
  });
}

export function recentViewRoutes(app: FastifyInstance, platform: Platform) {
  platform.openapi.add({
    method: 'get',
    path: '/me/recent',
    tag: 'Search',
    summary:
      'The records the signed-in user opened in the last 30 days, newest first, each once (deleted or no longer visible ones left out)',
    query: { limit: '1 to 50 (default 10)' },
    response: z.object({ data: z.array(recentView) }),
  });
  app.get('/api/v1/me/recent', async (request) => {
    const ctx = await platform.authenticate(request);
    const { limit } = parse(recentQuery, request.query);
    const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
    return { data: await recentlyViewed(ctx, objects, limit) };
  });
}
