import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/database';
import type { Actor, ChangeSource, RequestContext } from '../engine/context';
import { batchRows, batchValue, pgTextArray, type BatchColumn } from '../engine/sqlValues';
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
  const columns: BatchColumn[] = [
    { name: 'workspace_id', cast: 'uuid' },
    { name: 'id', cast: 'uuid' },
    { name: 'object', cast: 'text' },
    { name: 'record_id', cast: 'uuid' },
    { name: 'type', cast: 'text' },
    { name: 'fields', cast: 'text[]' },
    { name: 'actor_type', cast: 'text' },
    { name: 'actor_id', cast: 'uuid' },
    { name: 'user_id', cast: 'uuid' },
    { name: 'source', cast: 'text' },
  ];
  const cells = events.map((e) => [
    e.workspaceId,
    uuidv7(),
    e.object,
    e.recordId,
    e.type,
    pgTextArray(e.fields),
    e.actor.type,
    e.actor.id,
    e.userId,
    e.source,
  ]);
  await tx.execute(
    sql`INSERT INTO record_events (${sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    )})
      SELECT ${sql.join(
        columns.map((c) => batchValue('event', c)),
        sql`, `,
      )} FROM ${batchRows('event', columns, cells)}`,
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
