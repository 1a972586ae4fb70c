import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertCanWrite, type RequestContext } from '../../../server/engine';
import type { ImportMapping, ImportMatch, SavedMapping } from '../contract';

interface MappingRow {
  id: string;
  object: string;
  name: string;
  mapping: ImportMapping;
  match: ImportMatch | null;
  created_at: string;
}

const shape = (r: MappingRow): SavedMapping => ({
  id: r.id,
  object: r.object,
  name: r.name,
  mapping: r.mapping,
  match: r.match,
  createdAt: r.created_at,
});

const columns = sql`id, object, name, mapping, match, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

/** A mapping saved under a name, for the next file of the same shape; the same name again replaces it. */
export async function saveMapping(
  ctx: RequestContext,
  input: Omit<SavedMapping, 'id' | 'createdAt'>,
): Promise<SavedMapping> {
  assertCanWrite(ctx);
  return ctx.db.write(async (tx) => {
    await tx.execute(
      sql`DELETE FROM import_mappings WHERE workspace_id = ${ctx.workspace.id} AND object = ${input.object} AND name = ${input.name}`,
    );
    const [saved] = await rows<MappingRow>(
      tx,
      sql`INSERT INTO import_mappings (workspace_id, id, object, name, mapping, match)
        VALUES (${ctx.workspace.id}, ${uuidv7()}, ${input.object}, ${input.name}, ${JSON.stringify(input.mapping)}::jsonb,
          ${input.match ? JSON.stringify(input.match) : null}::jsonb)
        RETURNING ${columns}`,
    );
    return shape(saved);
  });
}

export async function listMappings(ctx: RequestContext, object: string | undefined): Promise<SavedMapping[]> {
  const found = await ctx.db.read((x) =>
    rows<MappingRow>(
      x,
      sql`SELECT ${columns} FROM import_mappings WHERE workspace_id = ${ctx.workspace.id}
        ${object ? sql`AND object = ${object}` : sql``} ORDER BY object, name LIMIT 500`,
    ),
  );
  return found.map(shape);
}

export async function deleteMapping(ctx: RequestContext, id: string): Promise<void> {
  assertCanWrite(ctx);
  const removed = await ctx.db.write((tx) =>
    rows(
      tx,
      sql`DELETE FROM import_mappings WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING id`,
    ),
  );
  if (removed.length === 0) throw new NotFound(`No saved mapping with id ${id}`);
}
