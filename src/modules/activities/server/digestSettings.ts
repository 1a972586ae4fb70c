import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../../../server/engine';
import type { DigestSetting } from '../contract';
import { dailyDigests } from './tables';

const own = (ctx: RequestContext) =>
  and(eq(dailyDigests.workspaceId, ctx.workspace.id), eq(dailyDigests.userId, ctx.userId));

export async function digestSettingOf(ctx: RequestContext): Promise<DigestSetting> {
  const [row] = await ctx.db.read((x) => x.select().from(dailyDigests).where(own(ctx)));
  return { enabled: Boolean(row), timeZone: row?.timeZone ?? null, hour: row?.hour ?? null };
}

/** Turns the morning email on (or moves it); a change of hour today does not send a second one. */
export async function setDigest(ctx: RequestContext, input: { timeZone: string; hour: number }) {
  await ctx.db.write((tx) =>
    tx
      .insert(dailyDigests)
      .values({ workspaceId: ctx.workspace.id, userId: ctx.userId, ...input })
      .onConflictDoUpdate({ target: [dailyDigests.workspaceId, dailyDigests.userId], set: input }),
  );
  return digestSettingOf(ctx);
}

export async function stopDigest(ctx: RequestContext): Promise<void> {
  await ctx.db.write((tx) => tx.delete(dailyDigests).where(own(ctx)));
}
