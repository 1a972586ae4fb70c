import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { filterNode } from '../../common/pagination';
import { rows, type Executor } from '../db/database';
import { parse } from '../http/validate';
import type { RequestContext } from './context';
import { compileFilter } from './filters';
import { checkFilterSize } from './listParams';
import { recordJson } from './recordJson';
import type { Records } from './records';
import { tableAlias, type ResolvedObject } from './resolved';
import { searchCondition, storedSearch, visibleSearch } from './searchText';
import { baseConditions, tableOf } from './tableScope';

/** A change to every record a list's filter and search match, not only the rows a browser loaded. */
export const bulkMatchingBody = z
  .object({
    filter: filterNode.optional(),
    q: z.string().max(500).optional(),
    set: z.record(z.string(), z.unknown()).optional(),
    delete: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (b) => (b.set ? 1 : 0) + (b.delete ? 1 : 0) === 1,
    'give either `set` (fields to change) or `delete: true`',
  );

/** Beyond this many matches the change is refused: narrow the filter, or import a file instead. */
export const bulkMatchingLimit = 10_000;
/** Records prepared at once inside the one transaction, so memory stays bounded. */
const chunk = 1_000;

export interface BulkMatchingResult {
  matched: number;
  /** each changed record's values of the changed fields before the change, for an undo */
  previous?: unknown[];
  deleted?: string[];
}

export function parseBulkMatching(body: unknown) {
  if (body && typeof body === 'object') checkFilterSize((body as Record<string, unknown>).filter);
  return parse(bulkMatchingBody, body);
}

async function matchingIds(
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  request: z.infer<typeof bulkMatchingBody>,
): Promise<string[]> {
  const where = baseConditions(ctx, object);
  if (request.filter) where.push(compileFilter(ctx, object, request.filter));
  const q = request.q?.trim();
  if (q) {
    where.push(searchCondition(q, storedSearch(tableAlias(object.alias))));
    const visible = visibleSearch(object);
    if (visible) where.push(searchCondition(q, visible));
  }
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT ${tableAlias(object.alias)}.id FROM ${tableOf(object)} WHERE ${sql.join(where, sql` AND `)}
      ORDER BY ${tableAlias(object.alias)}.id LIMIT ${bulkMatchingLimit + 1}`,
  );
  if (found.length > bulkMatchingLimit) {
    throw new ValidationFailed(
      `More than ${bulkMatchingLimit.toLocaleString('en-US')} records match: narrow the filter and change them in parts`,
      [{ path: 'filter', message: `matches more than ${bulkMatchingLimit} records` }],
    );
  }
  return found.map((r) => r.id);
}

/**
 * Sets fields on, or bins, every matching record in one transaction, all or nothing, through the same
 * lifecycle as any write. The values it replaced come back so the change can be undone.
 */
export async function changeMatching(
  ctx: RequestContext,
  records: Records,
  tx: Executor,
  object: ResolvedObject,
  request: z.infer<typeof bulkMatchingBody>,
): Promise<BulkMatchingResult> {
  const ids = await matchingIds(ctx, tx, object, request);
  if (request.delete) {
    const deleted: string[] = [];
    for (let i = 0; i < ids.length; i += chunk)
      deleted.push(...(await records.delete(object.name, ids.slice(i, i + chunk))));
    return { matched: ids.length, deleted };
  }
  const set = request.set ?? {};
  const fields = Object.keys(set).filter((f) => object.fields.has(f));
  const previous: unknown[] = [];
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    if (fields.length) {
      const before = await rows<{ j: unknown }>(
        tx,
        sql`SELECT ${recordJson(object, fields)} AS j FROM ${tableOf(object)}
          WHERE ${tableAlias(object.alias)}.workspace_id = ${ctx.workspace.id} AND ${tableAlias(object.alias)}.id = ANY(${`{${part.join(',')}}`}::uuid[])`,
      );
      previous.push(...before.map((r) => r.j));
    }
    await records.update(
      object.name,
      part.map((id, n) => ({ id, body: set, path: `set.${i + n}` })),
    );
  }
  return { matched: ids.length, previous };
}
