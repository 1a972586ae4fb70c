import { sql, type SQL } from 'drizzle-orm';
import { NotFound, ValidationFailed } from '../../common/errors';
import type { FilterNode } from '../../common/pagination';
import { preparedRows, rows } from '../db/database';
import type { RequestContext } from './context';
import {
  decodeCursor,
  encodeCursor,
  keysetPlan,
  lookupField,
  orderBy,
  parseSort,
  sortValueColumns,
  type SortItem,
} from './query';
import { recordJson } from './recordJson';
import { tableAlias, type ResolvedObject } from './resolved';
import { searchCondition, searchScore, storedSearch, visibleSearch } from './searchText';
import { estimatedTotal, exactTotal, type ListTotal } from './count';
import { compileFilter } from './filters';
import { baseConditions, tableOf } from './tableScope';

export interface ListRequest {
  filter?: FilterNode;
  sort?: string | string[];
  limit: number;
  cursor?: string;
  fields?: string[];
  q?: string;
  /** add the total of matches: counted (`true`), or estimated where there are many (`'estimate'`) */
  count?: boolean | 'estimate';
}

/** A page whose records are JSON text built by PostgreSQL. */
export interface RecordPage {
  records: string[];
  nextCursor: string | null;
  total?: ListTotal;
}

function sortFor(ctx: RequestContext, object: ResolvedObject, request: ListRequest): SortItem[] {
  const q = request.q?.trim();
  const explicit = Array.isArray(request.sort) ? request.sort.length > 0 : !!request.sort?.trim();
  if (q && !explicit) {
    return [
      {
        key: '_score',
        expr: searchScore(q, storedSearch(tableAlias(object.alias))),
        dir: 'desc',
        cast: 'float8',
        nullable: false,
      },
      { key: 'id', expr: sql`${tableAlias(object.alias)}.id`, dir: 'asc', cast: 'uuid', nullable: false },
    ];
  }
  return parseSort(ctx, object, request.sort);
}

export async function listRecords(
  ctx: RequestContext,
  object: ResolvedObject,
  request: ListRequest,
): Promise<RecordPage> {
  const where = baseConditions(ctx, object);
  if (request.filter) where.push(compileFilter(ctx, object, request.filter));
  const q = request.q?.trim();
  if (q) {
    where.push(searchCondition(q, storedSearch(tableAlias(object.alias))));
    const visible = visibleSearch(object);
    if (visible) where.push(searchCondition(q, visible));
  }
  const items = sortFor(ctx, object, request);
  const fields = request.fields?.filter((f) => f !== 'id');
  fields?.forEach((f) => lookupField(object, f, 'fields'));
  const plan = request.cursor ? keysetPlan(items, decodeCursor(items, request.cursor)) : null;
  const limit = request.limit;
  const select = (conditions: SQL[], count: number) =>
    sql`SELECT (${recordJson(object, fields)})::text AS j, ${sortValueColumns(items)}
    FROM ${tableOf(object)} WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${orderBy(items)} LIMIT ${count}`;
  return ctx.db.read(async (db) => {
    type Found = { j: string } & Record<string, unknown>;
    const found = await rows<Found>(db, select(plan ? [...where, plan.main] : where, limit + 1));
    if (plan?.tail && found.length <= limit) {
      found.push(...(await rows<Found>(db, select([...where, plan.tail], limit + 1 - found.length))));
    }
    const page: RecordPage = {
      records: found.slice(0, limit).map((r) => r.j),
      nextCursor: found.length > limit ? encodeCursor(items, found[limit - 1]) : null,
    };
    if (request.count) {
      const total = request.count === 'estimate' ? estimatedTotal : exactTotal;
      page.total = await total(db, tableOf(object), sql.join(where, sql` AND `));
    }
    return page;
  });
}

export function pageJson(page: RecordPage): string {
  const total = page.total ? `,"total":${page.total.total},"totalKind":"${page.total.kind}"` : '';
  return `{"data":[${page.records.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}${total}}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertRecordId(id: string, path = 'id'): void {
  if (!uuidPattern.test(id))
    throw new ValidationFailed(`"${id}" is not a record id`, [{ path, message: 'must be a UUID' }]);
}

export async function getRecordJson(
  ctx: RequestContext,
  object: ResolvedObject,
  id: string,
): Promise<string> {
  assertRecordId(id);
  const found = await ctx.db.read((db) =>
    preparedRows<{ j: string }>(
      db,
      sql`SELECT (${recordJson(object)})::text AS j FROM ${tableOf(object)}
        WHERE ${sql.join([...baseConditions(ctx, object), sql`${tableAlias(object.alias)}.id = ${id}`], sql` AND `)}`,
    ),
  );
  if (found.length === 0) throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${id}`);
  return found[0].j;
}

/**
 * The version of a record's JSON text without parsing it all. Records are built with `id` and
 * `version` first (jsonb would put them first too, being the shortest keys), so the first match is
 * the record's own.
 */
export function versionOf(json: string): number {
  const match = /"version"\s*:\s*(\d+)/.exec(json);
  if (!match) throw new Error('A record without a version');
  return Number(match[1]);
}
