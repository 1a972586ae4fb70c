import { sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound } from '../../../common/errors';
import { rows, type Database } from '../../../server/db/database';
import {
  assertCanWrite,
  tableOf,
  type Registry,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import type { Jobs } from '../../../server/jobs/queue';
import { systemContext } from '../../../server/seed/context';
import type { ScanState } from '../contract';
import { duplicateThreshold } from './duplicates';
import { crowdedContext, likeness, narrowNameLookups, type Likeness } from './rules';

export const scanJob = 'quality.scan';
/**
 * Records per transaction, compared by blocks (a tenth of the object, from 10,000 to 100,000: each
 * chunk reads the whole object once per block) or looked up one by one in the trigram index; and how
 * many records may share a value before it stops counting as a sign of a duplicate.
 */
export const scanLimits = { minChunk: 10_000, maxChunk: 100_000, lookupChunk: 200, crowded: crowdedContext };
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
 * Scans every live record of an object, a chunk of records per transaction, each record compared with
 * the records after it (by id, so each pair is found once), and the pairs go to the review queue. The
 * checkpoint makes a stopped scan go on where it was.
 *
 * An object with blocks (exact values, contexts: see `likeness`) pairs a chunk of 10,000 records with
 * the records sharing a block in a few hash joins, names compared only within a context; a value
 * shared by more than 1,000 records (a placeholder phone, gmail.com, a big city) says nothing about
 * who is who and is left out. An object with none looks each record's names up in the trigram index.
 */
export async function runScan(
  db: Database,
  registry: Registry,
  workspaceId: string,
  scanId: string,
  limits = scanLimits,
) {
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
  const blocks = likeness(object, 0).blocks;
  const crowded = blocks.length ? await crowdedKeys(db, object, workspaceId, blocks, limits.crowded) : [];
  const size = blocks.length
    ? Math.min(
        limits.maxChunk,
        Math.max(limits.minChunk, Math.ceil((await liveCount(db, object, workspaceId)) / 10)),
      )
    : limits.lookupChunk;
  for (;;) {
    const done = await db.write(async (tx) => {
      const threshold = await duplicateThreshold(tx, workspaceId);
      const rules = likeness(object, threshold);
      await narrowNameLookups(tx, threshold);
      const after = scan.checkpoint ? sql`AND r0.id > ${scan.checkpoint}::uuid` : sql``;
      const chunk = sql`SELECT r0.* FROM ${sql.identifier(object.tableName)} AS r0
        WHERE r0.workspace_id = ${workspaceId} AND r0.deleted_at IS NULL ${scoped(object, 'r0')} ${after}
        ORDER BY r0.id LIMIT ${size}`;
      const pairs = blocks.length
        ? blockPairs(object, rules, crowded, threshold)
        : lookupPairs(object, rules);
      const [result] = await rows<{ last: string | null; n: number; pairs: number }>(
        tx,
        sql`WITH r AS MATERIALIZED (${chunk}), pairs AS (${pairs}), ranked AS (
            SELECT a, b, score, reasons, row_number() OVER (PARTITION BY a ORDER BY score DESC, b) AS n FROM pairs
          ), found AS (
            INSERT INTO duplicate_pairs (workspace_id, object, record_a, record_b, score, reasons)
            SELECT ${workspaceId}::uuid, ${object.name}, a, b, score, to_jsonb(reasons) FROM ranked
            WHERE n <= ${perRecord}
            ON CONFLICT (workspace_id, object, record_a, record_b)
              DO UPDATE SET score = excluded.score, reasons = excluded.reasons, found_at = now()
            RETURNING 1
          )
          SELECT (SELECT max(id::text) FROM r) AS last, (SELECT count(*)::int FROM r) AS n, (SELECT count(*)::int FROM found) AS pairs`,
      );
      await tx.execute(
        sql`UPDATE duplicate_scans SET status = ${result.n < size ? 'done' : 'running'},
            checkpoint = coalesce(${result.last}::uuid, checkpoint), scanned = scanned + ${result.n}, pairs = pairs + ${result.pairs}
          WHERE workspace_id = ${workspaceId} AND id = ${scanId}`,
      );
      return result.n < size;
    });
    if (done) return;
    scan = await loadScan(db, workspaceId, scanId);
  }
}

const scoped = (object: ResolvedObject, alias: string) => {
  const scope = object.declaration.scope;
  return scope ? sql`AND ${scope.condition(sql.raw(alias))}` : sql``;
};

/** The pairs of the chunk `r` with the records after them, alike by the rules, each scored. */
function scoredPairs(object: ResolvedObject, rules: Likeness, candidates: SQL) {
  return sql`SELECT r.id AS a, t.id AS b, ${rules.score} AS score, ${rules.reasons} AS reasons
    FROM (${candidates}) AS candidate
    JOIN r ON r.id = candidate.a
    JOIN ${tableOf(object)} ON t.workspace_id = r.workspace_id AND t.id = candidate.b
    WHERE t.deleted_at IS NULL ${scoped(object, 't')} AND ${rules.alike}`;
}

/** Candidates by block: the same exact value, or names alike enough within the same context. */
function blockPairs(object: ResolvedObject, rules: Likeness, crowded: string[][], threshold: number) {
  const table = sql.identifier(object.tableName);
  const [r, t] = [sql.raw('r'), sql.raw('t')];
  const joins = rules.blocks.map((block, i) => {
    const [rKey, tKey] = [block.key(r), block.key(t)];
    const names = block.exact
      ? sql``
      : sql`AND r.search_names <> '' AND similarity(t.search_names, r.search_names) >= ${threshold}`;
    return sql`SELECT r.id AS a, t.id AS b FROM r JOIN ${table} AS t
      ON t.workspace_id = r.workspace_id AND ${tKey} = ${rKey} AND t.id > r.id
      WHERE t.deleted_at IS NULL AND ${rKey}::text <> '' AND ${rKey}::text NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify(crowded[i])}::jsonb)) ${names}`;
  });
  return scoredPairs(
    object,
    rules,
    sql`SELECT DISTINCT a, b FROM (${sql.join(joins, sql` UNION ALL `)}) AS joined`,
  );
}

/** Candidates by the trigram index, record by record (an object with no block). */
function lookupPairs(object: ResolvedObject, rules: Likeness) {
  return sql`SELECT s.* FROM r CROSS JOIN LATERAL (
      ${scoredPairs(object, rules, sql`SELECT r.id AS a, found.id AS b FROM (${rules.candidates}) AS found WHERE found.id > r.id`)}
    ) AS s`;
}

async function liveCount(db: Database, object: ResolvedObject, workspaceId: string) {
  const [found] = await db.read((x) =>
    rows<{ n: number }>(
      x,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(object.tableName)} AS c
        WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL ${scoped(object, 'c')}`,
    ),
  );
  return found.n;
}

/** Per block, the values more than `crowded` live records share: no sign of a duplicate. */
async function crowdedKeys(
  db: Database,
  object: ResolvedObject,
  workspaceId: string,
  blocks: Likeness['blocks'],
  crowded: number,
) {
  const c = sql.raw('c');
  return db.read((x) =>
    Promise.all(
      blocks.map(async (block) => {
        const found = await rows<{ k: string }>(
          x,
          sql`SELECT ${block.key(c)}::text AS k FROM ${sql.identifier(object.tableName)} AS c
            WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL ${scoped(object, 'c')} AND ${block.key(c)}::text <> ''
            GROUP BY 1 HAVING count(*) > ${crowded}`,
        );
        return found.map((f) => f.k);
      }),
    ),
  );
}
