import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import {
  baseConditions,
  tableAlias,
  tableOf,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';

// The review queue keeps the best few look-alikes of each new record; the log names the best one.
const perRecord = 5;

/**
 * The quality module's duplicate rules (`duplicateThreshold`, `likeness`, `narrowNameLookups`), handed
 * to imports where the modules are put together: quality already depends on imports (provenance,
 * unique rules), so imports cannot import it back.
 */
export interface DuplicateRules {
  threshold(x: Executor, workspaceId: string): Promise<number>;
  likeness(
    object: ResolvedObject,
    threshold: number,
  ): { alike: SQL; score: SQL; reasons: SQL; candidates: SQL };
  narrowNameLookups(tx: Executor, threshold: number): Promise<void>;
}

/**
 * An import grows a table faster than the platform's background ANALYZE follows: while the planner
 * believes the table holds fewer than twice the rows of this batch (a first import into a new
 * workspace), it would walk the whole table for each new record instead of using the indexes. The
 * table is analyzed first then, in the batch's transaction, which counts the batch's own rows: a few
 * milliseconds at that size, and never again once the table is several batches large.
 */
async function keepPlannerInformed(tx: Executor, table: string, batchRows: number) {
  const [known] = await rows<{ n: number }>(
    tx,
    sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass(${table})`,
  );
  if (known && known.n < 2 * batchRows) await tx.execute(sql.raw(`ANALYZE "${table.replace(/"/g, '""')}"`));
}

export interface PossibleDuplicate {
  id: string;
  title: string;
}

function titleOf(object: ResolvedObject): SQL {
  const { titleSql, titleField } = object.declaration;
  return titleSql ? titleSql(tableAlias(object.alias)) : sql`(${object.fields.get(titleField)!.expr})::text`;
}

/**
 * The likely duplicates of the records a batch created, by the quality module's rules and its indexed
 * candidate lookups (equal email, phone or domain; names alike by trigrams with the same account,
 * email domain, domain or city), in one statement for the batch. Only records older than the new one
 * are compared, so a pair of look-alike rows of the same file is flagged once, on the later row. The
 * pairs go to the duplicates review queue unless `queue` is false (a dry run).
 */
export async function possibleDuplicates(
  duplicates: DuplicateRules,
  ctx: RequestContext,
  tx: Executor,
  object: ResolvedObject,
  ids: string[],
  queue: boolean,
): Promise<Map<string, PossibleDuplicate>> {
  if (ids.length === 0) return new Map();
  const workspaceId = ctx.workspace.id;
  const threshold = await duplicates.threshold(tx, workspaceId);
  const rules = duplicates.likeness(object, threshold);
  await duplicates.narrowNameLookups(tx, threshold);
  const found = sql`SELECT r.id AS record_id, c.id, c.score, c.reasons, c.title
    FROM r CROSS JOIN LATERAL (
      SELECT t.id, ${rules.score} AS score, ${rules.reasons} AS reasons, ${titleOf(object)} AS title
      FROM (${rules.candidates}) AS candidate
      JOIN ${tableOf(object)} ON t.workspace_id = r.workspace_id AND t.id = candidate.id
      WHERE t.id < r.id AND ${sql.join([...baseConditions(ctx, object), rules.alike], sql` AND `)}
      ORDER BY score DESC, t.id LIMIT ${perRecord}
    ) c`;
  await keepPlannerInformed(tx, object.tableName, ids.length);
  const flagged = await rows<{ record_id: string; id: string; title: string | null }>(
    tx,
    sql`WITH r AS (
        SELECT r0.* FROM unnest(${`{${ids.join(',')}}`}::uuid[]) AS created(id)
        JOIN ${sql.identifier(object.tableName)} AS r0 ON r0.workspace_id = ${workspaceId} AND r0.id = created.id
      ), found AS (${found})${
        queue
          ? sql`, queued AS (
        INSERT INTO duplicate_pairs (workspace_id, object, record_a, record_b, score, reasons)
        SELECT ${workspaceId}::uuid, ${object.name}, f.id, f.record_id, f.score, to_jsonb(f.reasons) FROM found f
        ON CONFLICT (workspace_id, object, record_a, record_b)
          DO UPDATE SET score = excluded.score, reasons = excluded.reasons, found_at = now()
      )`
          : sql``
      }
      SELECT DISTINCT ON (record_id) record_id, id, title FROM found ORDER BY record_id, score DESC, id`,
  );
  return new Map(flagged.map((f) => [f.record_id, { id: f.id, title: f.title ?? '' }]));
}
