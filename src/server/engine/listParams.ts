import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { listLimit, listQueryBody } from '../../common/pagination';
import { parse } from '../http/validate';
import { filterFromQueryString } from './filters';
import type { ListRequest } from './read';

const listQueryString = z
  .object({
    limit: listLimit,
    cursor: z.string().max(2000).optional(),
    sort: z.string().max(500).optional(),
    q: z.string().max(500).optional(),
    fields: z.string().max(4000).optional(),
    count: z.enum(['true', 'false', 'estimate']).optional(),
    format: z.enum(['csv', 'xlsx']).optional(),
  })
  .passthrough();

/** `GET /{object}?limit&cursor&sort&q&fields&count&filter[f][op]=v` as a list request. */
export function listFromQueryString(query: unknown): ListRequest {
  const params = parse(listQueryString, query);
  for (const key of Object.keys(params)) {
    if (!(key in listQueryString.shape) && !key.startsWith('filter')) {
      throw new ValidationFailed(`Unknown parameter "${key}"`, [{ path: key, message: 'unknown parameter' }]);
    }
  }
  return {
    limit: params.limit,
    cursor: params.cursor,
    sort: params.sort,
    q: params.q,
    fields: params.fields
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    count: params.count === 'estimate' ? 'estimate' : params.count === 'true',
    filter: filterFromQueryString(params as Record<string, unknown>),
  };
}

/** Deeper or larger filter trees overflow the stack of the validator or of PostgreSQL's parser. */
export const filterLimits = { depth: 20, nodes: 1000 };

/** `{"age": {"gte": 1, "lt": 5}}` holds two conditions; a group or a `{field, op, value}` leaf is one node. */
function nodesIn(node: unknown): number {
  if (!node || typeof node !== 'object') return 1;
  if ('and' in node || 'or' in node || 'not' in node || 'field' in node) return 1;
  return Object.values(node).reduce<number>(
    (sum, ops) => sum + (ops && typeof ops === 'object' ? Object.keys(ops).length : 1),
    0,
  );
}

/** Measures the filter before the recursive schema sees it, walking with its own stack. */
export function checkFilterSize(filter: unknown, path = 'filter'): void {
  const pending: { node: unknown; depth: number }[] = [{ node: filter, depth: 1 }];
  let nodes = 0;
  while (pending.length) {
    const { node, depth } = pending.pop() as { node: unknown; depth: number };
    nodes += nodesIn(node);
    if (nodes > filterLimits.nodes || depth > filterLimits.depth)
      throw new ValidationFailed('The filter is too large', [
        {
          path,
          message: `at most ${filterLimits.depth} levels and ${filterLimits.nodes} conditions`,
        },
      ]);
    if (!node || typeof node !== 'object') continue;
    const children = [(node as Record<string, unknown>).and, (node as Record<string, unknown>).or]
      .filter(Array.isArray)
      .flat();
    const not = (node as Record<string, unknown>).not;
    if (not !== undefined) children.push(not);
    for (const child of children) pending.push({ node: child, depth: depth + 1 });
  }
}

export function listFromBody(body: unknown): ListRequest {
  if (body && typeof body === 'object') checkFilterSize((body as Record<string, unknown>).filter);
  return parse(listQueryBody, body);
}

/** `If-Match: "3"` (or W/"3", or 3) as a version number. */
export function versionFromIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(value.trim());
  if (!match)
    throw new ValidationFailed('If-Match must be a version like "3"', [
      { path: 'If-Match', message: 'must be a version like "3"' },
    ]);
  return Number(match[1]);
}
