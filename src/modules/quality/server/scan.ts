import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound } from '../../../common/errors';
import { rows, type Database } from '../../../server/db/database';
import { assertCanWrite, tableOf, type Registry, type RequestContext } from '../../../server/engine';
import type { Jobs } from '../../../server/jobs/queue';
import { systemContext } from '../../../server/seed/context';
import type { ScanState } from '../contract';
import { duplicateThreshold } from './duplicates';
import { likeness, narrowNameLookups } from './rules';

export const scanJob = 'quality.scan';
const batch = 200;
// A record with more look-alikes than this is a data problem of its own; the queue shows the best ones.
const perRecord = 20;

interface ScanRow {
  id: string;
  object: string;
  status: ScanState['status'];
  checkpoint: string | null;
  scanned: number;
  pairs: number;
  created_by: string;
}

async function loadScan(db: Database, workspaceId: string, id: string): Promise<ScanRow> {
  const [found] = await db.read((x) =>
    rows<ScanRow>(
      x,
      sql`SELECT id, object, status, checkpoint, scanned, pairs, created_by FROM duplicate_scans
        WHERE workspace_id = ${workspaceId} AND id = ${id}`,
    ),
  );
  if (!found) throw new NotFound(`No duplicate scan with id ${id}`);
  return found;
}

export const scanState = (s: ScanRow): ScanState => ({
  id: s.id,
  object: s.object,
  status: s.status,
  scanned: s.scanned,
  pairs: s.pairs,
});

export async function readScan(ctx: RequestContext, id: string) {
  return scanState(await loadScan(ctx.db, ctx.workspace.id, id));
}

export async function startScan(ctx: RequestContext, registry: Registry, jobs: Jobs, object: string) {
  assertCanWrite(ctx);
  await registry.object(ctx.db, ctx.workspace, object, ctx.role);
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.execute(
      sql`INSERT INTO duplicate_scans (workspace_id, id, object, created_by) VALUES (${ctx.workspace.id}, ${id}, ${object}, ${ctx.userId})`,
    ),
  );
  await jobs.send(scanJob, { workspaceId: ctx.workspace.id, scanId: id }, { key: id });
  return readScan(ctx, id);
}

/**
 * Scans every live record of an object, a batch of records per transaction: each record is compared
 * with the records after it (by id, so each pair is found once) through the trigram and column
 * indexes, and the pairs go to the review queue. The checkpoint makes a stopped scan go on where it was.
 */
export async function runScan(db: Database, registry: Registry, workspaceId: string, scanId: string) {
  let scan = await loadScan(db, workspaceId, scanId);
  if (scan.status === 'done' || scan.status === 'failed') return;
  const ctx = await systemContext(db, workspaceId, scan.created_by);
  const object = (await registry.objects(db, ctx.workspace, null)).get(scan.object);
  if (!object) {
    await db.write((tx) =>
      tx.execute(
        sql`UPDATE duplicate_scans SET status = 'failed' WHERE workspace_id = ${workspaceId} AND id = ${scanId}`,
      ),
    );
    return;
  }
  const table = sql.identifier(object.tableName);
  const scope = object.declaration.scope;
  const rScope = scope ? sql`AND ${scope.condition(sql.raw('r0'))}` : sql``;
  const tScope = scope ? sql`AND ${scope.condition(sql.raw('t'))}` : sql``;
  for (;;) {
    const done = await db.write(async (tx) => {
      const threshold = await duplicateThreshold(tx, workspaceId);
      const rules = likeness(object, threshold);
      await narrowNameLookups(tx, threshold);
      const after = scan.checkpoint ? sql`AND r0.id > ${scan.checkpoint}::uuid` : sql``;
      const [result] = await rows<{ last: string | null; n: number; pairs: number }>(
        tx,
        sql`WITH r AS (
            SELECT r0.* FROM ${table} AS r0
            WHERE r0.workspace_id = ${workspaceId} AND r0.deleted_at IS NULL ${rScope} ${after}
            ORDER BY r0.id LIMIT ${batch}
          ), found AS (
            INSERT INTO duplicate_pairs (workspace_id, object, record_a, record_b, score, reasons)
            SELECT ${workspaceId}::uuid, ${object.name}, r.id, c.id, c.score, to_jsonb(c.reasons)
            FROM r CROSS JOIN LATERAL (
              SELECT t.id, ${rules.score} AS score, ${rules.reasons} AS reasons
              FROM (${rules.candidates}) AS candidate
              JOIN ${tableOf(object)} ON t.workspace_id = r.workspace_id AND t.id = candidate.id
              WHERE t.deleted_at IS NULL AND t.id > r.id ${tScope} AND ${rules.alike}
              ORDER BY score DESC LIMIT ${perRecord}
            ) c
            ON CONFLICT (workspace_id, object, record_a, record_b)
              DO UPDATE SET score = excluded.score, reasons = excluded.reasons, found_at = now()
            RETURNING 1
          )
          SELECT (SELECT max(id::text) FROM r) AS last, (SELECT count(*)::int FROM r) AS n, (SELECT count(*)::int FROM found) AS pairs`,
      );
      await tx.execute(
        sql`UPDATE duplicate_scans SET status = ${result.n < batch ? 'done' : 'running'},
            checkpoint = coalesce(${result.last}::uuid, checkpoint), scanned = scanned + ${result.n}, pairs = pairs + ${result.pairs}
          WHERE workspace_id = ${workspaceId} AND id = ${scanId}`,
      );
      return result.n < batch;
    });
    if (done) return;
    scan = await loadScan(db, workspaceId, scanId);
  }
}
