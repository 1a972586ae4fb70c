import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';

/** The file and row of an import that created or changed a record, for the record's provenance. */
export async function importRowOf(
  x: Executor,
  workspaceId: string,
  importId: string,
  recordId: string,
): Promise<{ id: string; fileName: string; row: number | null } | null> {
  const [found] = await rows<{ file_name: string; row: number | null }>(
    x,
    sql`SELECT i.file_name, (SELECT min(r.row) FROM import_rows r WHERE r.workspace_id = i.workspace_id
        AND r.import_id = i.id AND r.record_id = ${recordId}) AS row
      FROM imports i WHERE i.workspace_id = ${workspaceId} AND i.id = ${importId}`,
  );
  return found ? { id: importId, fileName: found.file_name, row: found.row } : null;
}
