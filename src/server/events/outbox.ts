import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/database';
import type { Actor, ChangeSource, RequestContext } from '../engine/context';
import { pgTextArray } from '../engine/sqlValues';
import type { RecordEventType } from './tables';

export interface RecordEventInput {
  workspaceId: string;
  object: string;
  recordId: string;
  type: RecordEventType;
  /** The names of the fields that changed (all set fields on create). */
  fields: string[];
  actor: Pick<Actor, 'type' | 'id'>;
  userId: string | null;
  source: ChangeSource;
}

/** A committed event as subscribers receive it. */
export interface RecordEvent extends Omit<RecordEventInput, 'actor'> {
  [key: string]: unknown;
  id: string;
  actorType: Actor['type'];
  actorId: string | null;
  at: string;
}

/**
 * Writes change events in the caller's transaction, so they commit (and are later delivered) exactly
 * when the change does, and vanish with it on rollback.
 */
export async function appendRecordEvents(tx: Executor, events: RecordEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const tuples = events.map(
    (e) =>
      sql`(${e.workspaceId}::uuid, ${uuidv7()}::uuid, ${e.object}, ${e.recordId}::uuid, ${e.type}, ${pgTextArray(e.fields)}::text[], ${e.actor.type}, ${e.actor.id}::uuid, ${e.userId}::uuid, ${e.source})`,
  );
  await tx.execute(
    sql`INSERT INTO record_events (workspace_id, id, object, record_id, type, fields, actor_type, actor_id, user_id, source)
      VALUES ${sql.join(tuples, sql`, `)}`,
  );
}

/** The events of one write of the engine, from the history entries it already builds. */
export function changeEvents(
  ctx: RequestContext,
  object: string,
  type: RecordEventType,
  entries: { recordId: string; changes: { field: string }[] }[],
): RecordEventInput[] {
  return entries
    .filter((e) => type !== 'updated' || e.changes.length > 0)
    .map((e) => ({
      workspaceId: ctx.workspace.id,
      object,
      recordId: e.recordId,
      type,
      fields: e.changes.map((c) => c.field),
      actor: { type: ctx.actor.type, id: ctx.actor.id },
      userId: ctx.actor.type === 'system' ? null : ctx.userId,
      source: ctx.source,
    }));
}
