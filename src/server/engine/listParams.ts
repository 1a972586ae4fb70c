import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { listLimit, listQueryBody } from '../../common/pagination';
import { parse } from '../http/validate';
import { filterFromQueryString } from './query';
import type { ListRequest } from './read';

const listQueryString = z
  .object({
    limit: listLimit,
    cursor: z.string().max(2000).optional(),
    sort: z.string().max(500).optional(),
    q: z.string().max(500).optional(),
    fields: z.string().max(4000).optional(),
    count: z.enum(['true', 'false']).optional(),
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
    count: params.count === 'true',
    filter: filterFromQueryString(params as Record<string, unknown>),
  };
}

export function listFromBody(body: unknown): ListRequest {
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
