import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { Friction } from '../contract';

/**
 * Which forms take long and which fields people clear or call "in my way", over the last 90 days:
 * for admins, to see which required fields get in people's way. Counts only, never who.
 */
export async function friction(ctx: RequestContext): Promise<Friction> {
  assertAdmin(ctx);
  const ws = ctx.workspace.id;
  const since = sql`now() - interval '90 days'`;
  return ctx.db.read(async (x) => ({
    forms: await rows<Friction['forms'][number]>(
      x,
      sql`SELECT object, count(*) FILTER (WHERE kind = 'completed')::int AS completed,
          count(*) FILTER (WHERE kind = 'abandoned')::int AS abandoned,
          round((percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE kind = 'completed') / 1000)::numeric, 1)::float8 AS "medianSeconds"
        FROM form_events WHERE workspace_id = ${ws} AND at >= ${since} AND field IS NULL
        GROUP BY object ORDER BY object`,
    ),
    fields: await rows<Friction['fields'][number]>(
      x,
      sql`SELECT object, field, sum(filled)::int AS filled, sum(cleared)::int AS cleared, sum(in_my_way)::int AS "inMyWay"
        FROM (
          SELECT object, field, count(*) FILTER (WHERE kind = 'filled') AS filled,
            count(*) FILTER (WHERE kind = 'cleared') AS cleared, 0 AS in_my_way
          FROM form_events WHERE workspace_id = ${ws} AND at >= ${since} AND field IS NOT NULL GROUP BY object, field
          UNION ALL
          SELECT object, field, 0, 0, count(*) FROM feedback
          WHERE workspace_id = ${ws} AND created_at >= ${since} AND field IS NOT NULL GROUP BY object, field
        ) AS f
        GROUP BY object, field ORDER BY sum(in_my_way) DESC, sum(cleared) DESC, object, field LIMIT 500`,
    ),
  }));
}
