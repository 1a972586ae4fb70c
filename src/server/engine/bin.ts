import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { Conflict, NotFound } from '../../common/errors';
import { rows } from '../db/database';
import type { RequestContext } from './context';
import { decodeCursor, encodeCursor, keysetPlan, orderBy, sortValueColumns, type SortItem } from './query';
import { recordJson } from './recordJson';
import { assertRecordId } from './read';
import { tableAlias, type ResolvedObject } from './resolved';
import { titleOf } from './search';
import { baseConditions, tableOf } from './tableScope';
import { assertAdmin } from './visibility';

/** The recycle bin: records moved there by a delete, newest first, with who moved them and when. */
export const binQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

function binOrder(object: ResolvedObject): SortItem[] {
  const t = tableAlias(object.alias);
  return [
    { key: 'deletedAt', expr: sql`${t}.deleted_at`, dir: 'desc', cast: 'timestamptz', nullable: false },
    { key: 'id', expr: sql`${t}.id`, dir: 'desc', cast: 'uuid', nullable: false },
  ];
}

/** One binned record as JSON text: its title, when and by whom it was binned, and the record itself. */
function binEntryJson(object: ResolvedObject): SQL {
  const t = tableAlias(object.alias);
  return sql`json_build_object(
    'id', ${t}.id,
    'title', ${titleOf(object)},
    'deletedAt', to_char(${t}.deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'deletedBy', ${t}.deleted_by,
    'record', ${recordJson(object)}
  )::text`;
}

export async function listBin(
  ctx: RequestContext,
  object: ResolvedObject,
  query: z.infer<typeof binQuery>,
): Promise<string> {
  const items = binOrder(object);
  const where = baseConditions(ctx, object, true);
  if (query.cursor) where.push(keysetPlan(items, decodeCursor(items, query.cursor)).main);
  const found = await ctx.db.read((db) =>
    rows<{ j: string } & Record<string, unknown>>(
      db,
      sql`SELECT ${binEntryJson(object)} AS j, ${sortValueColumns(items)}
        FROM ${tableOf(object)} WHERE ${sql.join(where, sql` AND `)}
        ORDER BY ${orderBy(items)} LIMIT ${query.limit + 1}`,
    ),
  );
  const page = found.slice(0, query.limit);
  const nextCursor = found.length > query.limit ? encodeCursor(items, page[page.length - 1]) : null;
  return `{"data":[${page.map((r) => r.j).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}

export async function getBinned(ctx: RequestContext, object: ResolvedObject, id: string): Promise<string> {
  assertRecordId(id);
  const where = [...baseConditions(ctx, object, true), sql`${tableAlias(object.alias)}.id = ${id}`];
  const found = await ctx.db.read((db) =>
    rows<{ j: string }>(
      db,
      sql`SELECT ${binEntryJson(object)} AS j FROM ${tableOf(object)} WHERE ${sql.join(where, sql` AND `)}`,
    ),
  );
  if (found.length === 0) {
    throw new NotFound(`No ${object.declaration.label.toLowerCase()} with id ${id} in the recycle bin`);
  }
  return found[0].j;
}

/**
 * Removes a binned record for good (admins only). History keeps its past changes; a record that
 * others still refer to stays, with a 409 saying so, rather than leaving them pointing at nothing.
 */
export async function purgeBinned(ctx: RequestContext, object: ResolvedObject, id: string): Promise<void> {
  assertAdmin(ctx);
  await getBinned(ctx, object, id);
  const where = [...baseConditions(ctx, object, true), sql`${tableAlias(object.alias)}.id = ${id}`];
  try {
    await ctx.db.write((tx) =>
      rows(tx, sql`DELETE FROM ${tableOf(object)} WHERE ${sql.join(where, sql` AND `)}`),
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23503') {
      throw new Conflict(
        `This ${object.declaration.label.toLowerCase()} is still referred to by other records: move or delete those first`,
      );
    }
    throw error;
  }
}
