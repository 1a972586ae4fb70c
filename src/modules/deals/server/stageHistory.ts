import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../../../server/db/database';
import type { RequestContext, Subscription, WrittenRecord } from '../../../server/engine';
import type { StageHistoryEntry } from '../contract';
import { missingToMove } from './criteria';
import { pipelinesById, stageOf } from './pipelines';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Stage history as a subscriber of the deals' write lifecycle: a deal created, or moved to another
 * stage, closes its open entry and opens one for the new stage, in the same transaction as the move.
 * An advisory pipeline's skipped criteria are recorded on the entry the deal left.
 */
export const stageHistorySubscription: Subscription = {
  object: 'deals',
  hooks: {
    async afterWrite({ ctx, tx }, written) {
      const moved = written.filter(
        (w: WrittenRecord) =>
          w.after.stageId &&
          (w.before === null || w.before.stageId !== w.after.stageId) &&
          w.operation !== 'delete',
      );
      if (moved.length === 0) return;
      const ws = ctx.workspace.id;
      const pipelines = await pipelinesById(
        tx,
        ws,
        moved.flatMap((w) => [w.after.pipelineId as string]),
      );
      for (const w of moved) {
        if (!w.before) continue;
        const pipeline = pipelines.get(w.after.pipelineId as string);
        const skipped =
          pipeline && w.before.pipelineId === w.after.pipelineId
            ? missingToMove(pipeline, w.before.stageId, w.after.stageId, w.after)
            : [];
        await tx.execute(sql`UPDATE deal_stage_history SET left_at = now(), skipped = ${JSON.stringify(skipped)}::jsonb
          WHERE workspace_id = ${ws} AND deal_id = ${w.id} AND left_at IS NULL`);
      }
      const { actor } = ctx;
      const tuples = moved.map(
        (w) =>
          sql`(${ws}::uuid, ${uuidv7()}::uuid, ${w.id}::uuid, ${w.after.pipelineId as string}::uuid, ${w.after.stageId as string}::uuid,
            coalesce(${(w.after.stageEnteredAt as string | undefined) ?? null}::timestamptz, now()), ${actor.type}, ${actor.id}::uuid, ${actor.name})`,
      );
      await tx.execute(sql`INSERT INTO deal_stage_history
        (workspace_id, id, deal_id, pipeline_id, stage_id, entered_at, actor_type, actor_id, actor_name)
        VALUES ${sql.join(tuples, sql`, `)}`);
    },
  },
};

/** A deal's stages, oldest first, with the stage names of its pipelines as they are now. */
export async function stageHistory(ctx: RequestContext, dealId: string): Promise<StageHistoryEntry[]> {
  const ws = ctx.workspace.id;
  const entries = await ctx.db.read((x) =>
    rows<
      Omit<StageHistoryEntry, 'stageName' | 'actor'> & {
        actorType: string;
        actorId: string | null;
        actorName: string;
      }
    >(
      x,
      sql`SELECT stage_id AS "stageId", pipeline_id AS "pipelineId", ${iso('entered_at')} AS "enteredAt",
          ${iso('left_at')} AS "leftAt", actor_type AS "actorType", actor_id AS "actorId", actor_name AS "actorName", skipped
        FROM deal_stage_history WHERE workspace_id = ${ws} AND deal_id = ${dealId}
        ORDER BY entered_at, id`,
    ),
  );
  const pipelines = await ctx.db.read((x) =>
    pipelinesById(
      x,
      ws,
      entries.map((e) => e.pipelineId),
    ),
  );
  return entries.map(({ actorType, actorId, actorName, ...e }) => {
    const pipeline = pipelines.get(e.pipelineId);
    return {
      ...e,
      stageName: (pipeline && stageOf(pipeline, e.stageId)?.stage.name) ?? null,
      actor: { type: actorType, id: actorId, name: actorName },
    };
  });
}
