import { sql } from 'drizzle-orm';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFound } from '../../../common/errors';
import { rows, type Database, type Executor } from '../../../server/db/database';
import type { ImportMapping, ImportMatch, ImportState, ImportStatus, InvalidValues } from '../contract';
import type { BatchResult } from './batch';

/** Where an upload is kept while its import runs: the data folder, never the server's memory. */
export const uploadPath = (dataDir: string, workspaceId: string, importId: string) =>
  join(dataDir, 'imports', workspaceId, importId);

export async function removeUpload(dataDir: string, workspaceId: string, importId: string) {
  await rm(uploadPath(dataDir, workspaceId, importId), { force: true });
}

export interface ImportRow {
  id: string;
  object: string;
  file_name: string;
  format: 'csv' | 'xlsx' | 'vcard';
  status: ImportStatus;
  dry_run: boolean;
  mapping: ImportMapping;
  match: ImportMatch | null;
  total: number | null;
  checkpoint_row: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  deals_created: number;
  possible_duplicates: number;
  cancel_requested: boolean;
  failure: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function loadImport(
  x: Executor,
  workspaceId: string,
  id: string,
  lock = false,
): Promise<ImportRow> {
  const [found] = await rows<ImportRow>(
    x,
    sql`SELECT id, object, file_name, format, status, dry_run, mapping, match, total, checkpoint_row, processed,
        created, updated, skipped, rejected, deals_created, possible_duplicates, cancel_requested, failure, created_by,
        ${iso('created_at')} AS created_at, ${iso('finished_at')} AS finished_at
      FROM imports WHERE workspace_id = ${workspaceId} AND id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!found) throw new NotFound(`No import with id ${id}`);
  return found;
}

/**
 * Refused values per field over every rejected row, counted by SQL, each with the column mapped to it.
 * Counted once the import is over: a poll of a running import of a million rows stays one index read.
 */
async function invalidValuesOf(
  x: Executor,
  workspaceId: string,
  r: ImportRow,
): Promise<InvalidValues[] | null> {
  if (r.status === 'queued' || r.status === 'running') return null;
  const counted = await rows<{ field: string; count: number }>(
    x,
    sql`SELECT e->>'field' AS field, count(DISTINCT r.row)::int AS count
      FROM import_rows r, jsonb_array_elements(r.errors) e
      WHERE r.workspace_id = ${workspaceId} AND r.import_id = ${r.id} AND r.outcome = 'rejected'
        AND e->>'field' IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const columns = new Map(Object.entries(r.mapping).map(([column, field]) => [field, column]));
  return counted.map((c) => ({ ...c, column: columns.get(c.field) ?? null }));
}

/** The state API.md promises, with the first 1,000 row errors in row order. */
export async function importState(db: Database, workspaceId: string, id: string): Promise<ImportState> {
  return db.read(async (x) => {
    const r = await loadImport(x, workspaceId, id);
    const errors = await rows<{ row: number; field: string | null; message: string }>(
      x,
      sql`SELECT r.row, e->>'field' AS field, e->>'message' AS message
        FROM import_rows r, jsonb_array_elements(r.errors) e
        WHERE r.workspace_id = ${workspaceId} AND r.import_id = ${id} AND r.outcome = 'rejected'
        ORDER BY r.row LIMIT 1000`,
    );
    return {
      id: r.id,
      object: r.object,
      fileName: r.file_name,
      format: r.format,
      status: r.status,
      dryRun: r.dry_run,
      mapping: r.mapping,
      match: r.match,
      total: r.total,
      processed: r.processed,
      counts: { created: r.created, updated: r.updated, skipped: r.skipped, rejected: r.rejected },
      dealsCreated: r.deals_created,
      possibleDuplicates: r.possible_duplicates,
      errors,
      invalidValues: await invalidValuesOf(x, workspaceId, r),
      failure: r.failure,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    };
  });
}

/** A batch's log rows, its records, its counts and its checkpoint, in the batch's own transaction. */
export async function saveBatch(
  tx: Executor,
  workspaceId: string,
  importId: string,
  { outcomes, changes, dealsCreated }: BatchResult,
  lastRow: number,
) {
  if (outcomes.length) {
    const log = outcomes.map((o) => ({
      row: o.row,
      outcome: o.outcome,
      record_id: o.recordId,
      errors: o.errors,
      note: o.note ?? null,
      deal_id: o.dealId || null,
      duplicate_of: o.duplicateOf ?? null,
    }));
    await tx.execute(
      sql`INSERT INTO import_rows (workspace_id, import_id, row, outcome, record_id, errors, note, deal_id, duplicate_of)
        SELECT ${workspaceId}::uuid, ${importId}::uuid, x.row, x.outcome, x.record_id, x.errors, x.note, x.deal_id, x.duplicate_of
        FROM jsonb_to_recordset(${JSON.stringify(log)}::jsonb)
          AS x(row int, outcome text, record_id uuid, errors jsonb, note text, deal_id uuid, duplicate_of uuid)
        ON CONFLICT DO NOTHING`,
    );
  }
  if (changes.length) {
    const list = changes.map((c) => ({
      object: c.object,
      record_id: c.recordId,
      created: c.created,
      previous: c.previous,
    }));
    await tx.execute(
      sql`INSERT INTO import_changes (workspace_id, import_id, object, record_id, created, previous)
        SELECT ${workspaceId}::uuid, ${importId}::uuid, x.object, x.record_id, x.created, x.previous
        FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS x(object text, record_id uuid, created boolean, previous jsonb)
        ON CONFLICT DO NOTHING`,
    );
  }
  const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
  await tx.execute(
    sql`UPDATE imports SET checkpoint_row = ${lastRow}, processed = processed + ${outcomes.length},
        created = created + ${count('created')}, updated = updated + ${count('updated')},
        skipped = skipped + ${count('skipped')}, rejected = rejected + ${count('rejected')},
        deals_created = deals_created + ${dealsCreated},
        possible_duplicates = possible_duplicates + ${outcomes.filter((o) => o.duplicateOf).length}
      WHERE workspace_id = ${workspaceId} AND id = ${importId}`,
  );
}

export async function setStatus(
  x: Executor,
  workspaceId: string,
  id: string,
  status: ImportStatus,
  failure: string | null = null,
) {
  const final = status !== 'queued' && status !== 'running';
  await x.execute(
    sql`UPDATE imports SET status = ${status}, failure = ${failure},
        finished_at = ${final ? sql`now()` : sql`finished_at`}
      WHERE workspace_id = ${workspaceId} AND id = ${id}`,
  );
}
