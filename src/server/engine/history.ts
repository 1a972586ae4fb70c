import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows, type Executor } from '../db/database';
import type { RequestContext } from './context';
import { ownValue, type Values } from './lifecycle';
import type { ResolvedObject } from './resolved';
import { batchRows, batchValue, type BatchColumn } from './sqlValues';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}
export interface HistoryEntry {
  recordId: string;
  changes: FieldChange[];
}

const ignored = new Set(['id', 'version', 'createdAt', 'updatedAt']);

function same(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose values differ; metadata decides what counts (system fields do not). */
export function diffValues(object: ResolvedObject, before: Values | null, after: Values): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of object.fields.values()) {
    if (ignored.has(field.name)) continue;
    const from = before ? (ownValue(before, field.name) ?? null) : null;
    const to = ownValue(after, field.name) ?? null;
    if (!same(from, to)) changes.push({ field: field.name, from, to });
  }
  return changes;
}

/** Writes history rows for a batch in the caller's transaction, with who, when and through what. */
export async function recordHistory(
  ctx: RequestContext,
  tx: Executor,
  object: string,
  entries: HistoryEntry[],
) {
  const kept = entries.filter((e) => e.changes.length > 0);
  if (kept.length === 0) return;
  const id = { name: 'id', cast: 'uuid' };
  const recordId = { name: 'record_id', cast: 'uuid' };
  const changes = { name: 'changes', cast: 'jsonb' };
  const cells = kept.map((e) => [uuidv7(), e.recordId, JSON.stringify(e.changes)]);
  const row = (c: BatchColumn) => batchValue('entry', c);
  await tx.execute(
    sql`INSERT INTO record_history (workspace_id, id, object, record_id, actor_type, actor_id, actor_name, source, source_ref, changes)
      SELECT ${ctx.workspace.id}::uuid, ${row(id)}, ${object}, ${row(recordId)}, ${ctx.actor.type}, ${ctx.actor.id}::uuid, ${ctx.actor.name}, ${ctx.source}, ${ctx.sourceRef ?? null}, ${row(changes)}
      FROM ${batchRows('entry', [id, recordId, changes], cells)}`,
  );
}

export interface HistoryRow {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string };
  source: string;
  sourceRef: string | null;
  changes: FieldChange[];
}

export async function readHistory(
  tx: Executor,
  workspaceId: string,
  object: string,
  recordId: string,
  limit: number,
  before?: string,
): Promise<HistoryRow[]> {
  const found = await rows<{
    id: string;
    at: string;
    actor_type: string;
    actor_id: string | null;
    actor_name: string;
    source: string;
    source_ref: string | null;
    changes: FieldChange[];
  }>(
    tx,
    sql`SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_type, actor_id, actor_name, source, source_ref, changes
      FROM record_history
      WHERE workspace_id = ${workspaceId} AND object = ${object} AND record_id = ${recordId}
        ${before ? sql`AND id < ${before}::uuid` : sql``}
      ORDER BY id DESC LIMIT ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    at: r.at,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    source: r.source,
    sourceRef: r.source_ref,
    changes: r.changes,
  }));
}

/**
 * Takes the values out of history entries (an erasure of personal data): the entries stay, with who,
 * when, through what and which fields changed, but `from` and `to` become null; only `fields` when given.
 * Answers how many entries changed.
 */
export async function scrubHistoryValues(
  tx: Executor,
  workspaceId: string,
  object: string,
  recordIds: string[],
  fields?: string[],
): Promise<number> {
  if (!recordIds.length) return 0;
  const chosen = fields ? sql`c->>'field' = ANY(${`{${fields.join(',')}}`}::text[])` : sql`TRUE`;
  const changed = await rows<{ id: string }>(
    tx,
    sql`UPDATE record_history h SET changes = (
        SELECT coalesce(jsonb_agg(CASE WHEN ${chosen}
          THEN jsonb_build_object('field', c->>'field', 'from', NULL, 'to', NULL) ELSE c END ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(h.changes) WITH ORDINALITY AS x(c, n))
      WHERE h.workspace_id = ${workspaceId} AND h.object = ${object}
        AND h.record_id = ANY(${`{${recordIds.join(',')}}`}::uuid[])
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(h.changes) c
          WHERE ${chosen} AND (c->'from' <> 'null'::jsonb OR c->'to' <> 'null'::jsonb))
      RETURNING h.id`,
  );
  return changed.length;
}
