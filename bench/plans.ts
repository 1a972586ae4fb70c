import type { Database } from '../src/server/db/database';
import type { RequestContext } from '../src/server/engine/context';
import { listFromBody, listFromQueryString } from '../src/server/engine/listParams';
import { listRecords } from '../src/server/engine/read';
import type { ResolvedObject } from '../src/server/engine/resolved';
import { plain } from './database';
import type { HttpRequest } from './http';
import { capturing } from './workload';

/** `EXPLAIN (ANALYZE, BUFFERS)` of the SQL the engine sends for `request`, captured, not hand-written. */
export async function explain(
  db: Database,
  ctx: RequestContext,
  objects: Map<string, ResolvedObject>,
  request: HttpRequest,
): Promise<string[]> {
  const [, object, rest] = /^\/api\/v1\/([^/?]+)(.*)$/.exec(request.path)!;
  const list =
    request.method === 'POST'
      ? listFromBody(JSON.parse(request.body!))
      : listFromQueryString(Object.fromEntries(new URLSearchParams(rest.replace(/^\?/, ''))));
  const { db: fake, captured } = capturing();
  await listRecords({ ...ctx, db: fake }, objects.get(object)!, list);
  const explained = await plain<{ 'QUERY PLAN': string }>(
    db,
    `EXPLAIN (ANALYZE, BUFFERS) ${captured[0].text}`,
    captured[0].params,
  );
  return explained.map((r) => r['QUERY PLAN']);
}
