import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { Forbidden, NotFound, ValidationFailed } from '../../../common/errors';
import type { Database, Executor } from '../../../server/db/database';
import { type RequestContext, assertAdmin } from '../../../server/engine';
import { hashPassword, verifyPassword } from '../../../server/secrets';
import type { changePasswordInput, resetPasswordInput } from '../contract';
import { passwordResets, sessions, users } from './tables';
import { issueToken, readToken } from './tokens';
import { sessionView, startSession } from './service';

const resetHours = 24;

async function setPassword(
  tx: Executor,
  user: { workspaceId: string; id: string; email: string },
  plain: string,
) {
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(plain) })
    .where(and(eq(users.workspaceId, user.workspaceId), eq(users.id, user.id)));
  // A new password voids any reset link still out. (Failed sign-ins only slow an email and address
  // down for a while, see login.ts; there is no lock to lift.)
  await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(passwordResets.workspaceId, user.workspaceId),
        eq(passwordResets.userId, user.id),
        isNull(passwordResets.usedAt),
      ),
    );
}

/** Changes the caller's password and signs out every other session of theirs. */
export async function changePassword(
  ctx: RequestContext,
  currentHash: string | null,
  input: z.infer<typeof changePasswordInput>,
) {
  if (ctx.actor.type !== 'user' || !currentHash)
    throw new Forbidden('Change your password from a signed-in browser, not with an API key');
  const [user] = await ctx.db.read((x) =>
    x
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId))),
  );
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw new ValidationFailed('The current password is not right', [
      { path: 'currentPassword', message: 'is not your current password' },
    ]);
  await ctx.db.write(async (tx) => {
    await setPassword(tx, user, input.newPassword);
    await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.workspaceId, ctx.workspace.id),
          eq(sessions.userId, ctx.userId),
          ne(sessions.tokenHash, currentHash),
        ),
      );
  });
}

/** Stores a new reset link for a user; it works once, within a day. */
export async function insertPasswordReset(tx: Executor, workspaceId: string, userId: string, origin: string) {
  const { token, hash } = issueToken('rp', workspaceId);
  const expiresAt = new Date(Date.now() + resetHours * 3_600_000).toISOString();
  await tx.insert(passwordResets).values({ workspaceId, tokenHash: hash, userId, expiresAt });
  return { url: `${origin}/reset-password#${token}`, expiresAt };
}

/** An admin's reset link for a user who forgot their password. */
export async function createPasswordReset(ctx: RequestContext, userId: string, origin: string) {
  assertAdmin(ctx);
  return ctx.db.write(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, disabled: users.disabled })
      .from(users)
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, userId)));
    if (!user) throw new NotFound('No such user');
    if (user.disabled) throw new Forbidden('This user is disabled: enable them first');
    return insertPasswordReset(tx, ctx.workspace.id, userId, origin);
  });
}

/**
 * Sets a new password from a reset link and ends every session of the user. This browser is signed in
 * unless the user has a second factor: then they sign in again with it (a link alone must not pass it).
 */
export async function completePasswordReset(db: Database, input: z.infer<typeof resetPasswordInput>) {
  const link = readToken('rp', input.token);
  if (!link) throw new NotFound('This reset link is not valid, was already used or has expired');
  return db.write(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(passwordResets.workspaceId, link.workspaceId),
          eq(passwordResets.tokenHash, link.hash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: passwordResets.userId });
    const [user] = reset
      ? await tx
          .select()
          .from(users)
          .where(
            and(
              eq(users.workspaceId, link.workspaceId),
              eq(users.id, reset.userId),
              eq(users.disabled, false),
            ),
          )
      : [];
    if (!user) throw new NotFound('This reset link is not valid, was already used or has expired');
    await setPassword(tx, user, input.password);
    await tx
      .delete(sessions)
      .where(and(eq(sessions.workspaceId, user.workspaceId), eq(sessions.userId, user.id)));
    const { workspaceId } = user;
    if (user.totpEnabled) return { workspaceId, token: null, session: null };
    const token = await startSession(tx, workspaceId, user.id);
    return { workspaceId, token, session: await sessionView(tx, workspaceId, user.id) };
  });
}
