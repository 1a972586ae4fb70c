import { and, eq, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Forbidden, NotFound } from '../../../common/errors';
import type { Executor } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { createViewInput, SavedView, updateViewInput } from '../contract';
import { savedViews } from './tables';

type Row = typeof savedViews.$inferSelect;

function view(row: Row): SavedView {
  return {
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The views a user may use on an object: their own and the shared ones. */
export async function listViews(ctx: RequestContext, object: string) {
  const found = await ctx.db.read((x) =>
    x
      .select()
      .from(savedViews)
      .where(
        and(
          eq(savedViews.workspaceId, ctx.workspace.id),
          eq(savedViews.object, object),
          or(eq(savedViews.ownerId, ctx.userId), eq(savedViews.shared, true)),
        ),
      )
      .orderBy(savedViews.name),
  );
  return found.map(view);
}

/** One default per user and object: marking a view default clears the user's other default. */
async function clearDefault(tx: Executor, ctx: RequestContext, object: string) {
  await tx.execute(
    sql`UPDATE saved_views SET is_default = false WHERE workspace_id = ${ctx.workspace.id} AND object = ${object} AND owner_id = ${ctx.userId}`,
  );
}

function assertMayShare(ctx: RequestContext, shared: boolean | undefined) {
  if (shared && ctx.role === 'viewer') throw new Forbidden('Viewers cannot share views');
}

export async function createView(ctx: RequestContext, input: z.infer<typeof createViewInput>) {
  assertMayShare(ctx, input.shared);
  return ctx.db.write(async (tx) => {
    if (input.isDefault) await clearDefault(tx, ctx, input.object);
    const [row] = await tx
      .insert(savedViews)
      .values({ ...input, workspaceId: ctx.workspace.id, id: uuidv7(), ownerId: ctx.userId })
      .returning();
    return view(row);
  });
}

export async function updateView(ctx: RequestContext, id: string, input: z.infer<typeof updateViewInput>) {
  assertMayShare(ctx, input.shared);
  return ctx.db.write(async (tx) => {
    const mine = and(
      eq(savedViews.workspaceId, ctx.workspace.id),
      eq(savedViews.id, id),
      eq(savedViews.ownerId, ctx.userId),
    );
    const [current] = await tx.select().from(savedViews).where(mine);
    if (!current) throw new NotFound('No such view of yours');
    if (input.isDefault) await clearDefault(tx, ctx, current.object);
    const [row] = await tx
      .update(savedViews)
      .set({ ...input, updatedAt: new Date().toISOString() })
      .where(mine)
      .returning();
    return view(row);
  });
}

export async function deleteView(ctx: RequestContext, id: string) {
  const removed = await ctx.db.write((tx) =>
    tx
      .delete(savedViews)
      .where(
        and(
          eq(savedViews.workspaceId, ctx.workspace.id),
          eq(savedViews.id, id),
          eq(savedViews.ownerId, ctx.userId),
        ),
      )
      .returning(),
  );
  if (removed.length === 0) throw new NotFound('No such view of yours');
}
