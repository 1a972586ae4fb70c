import { and, eq } from 'drizzle-orm';
import { Conflict, NotFound, Unauthorized } from '../../../common/errors';
import { type RequestContext, assertAdmin } from '../../../server/engine';
import { countPasskeys } from './passkeys';
import { dropRecoveryCodes, issueRecoveryCodes, unusedRecoveryCodes } from './recoveryCodes';
import { passkeys, sessions, users } from './tables';
import { acceptTotp, currentUser, type TotpDeps } from './totp';

export async function twoFactorStatus(ctx: RequestContext) {
  const user = await currentUser(ctx);
  return {
    enabled: user.totpEnabled,
    required: ctx.workspace.requireTwoFactor,
    recoveryCodesLeft: user.totpEnabled ? await unusedRecoveryCodes(ctx.db, ctx.workspace.id, ctx.userId) : 0,
  };
}

/** A new set of recovery codes, against a current authenticator code; the old set stops working. */
export async function renewRecoveryCodes(ctx: RequestContext, deps: TotpDeps, code: string) {
  const user = await currentUser(ctx);
  if (!user.totpEnabled || !user.totpSecret) throw new Conflict('Two-factor sign-in is not on');
  if (!(await acceptTotp(ctx.db, deps, user, code))) throw new Unauthorized('The code is not valid');
  return {
    recoveryCodes: await ctx.db.write((tx) => issueRecoveryCodes(tx, ctx.workspace.id, ctx.userId)),
  };
}

/**
 * An admin clears a user's second factor, code app and passkeys (a lost phone and no recovery codes left). Their sessions end;
 * they sign in with their password and, where the workspace requires it, set up two-factor again.
 */
export async function resetTwoFactor(ctx: RequestContext, userId: string) {
  assertAdmin(ctx);
  await ctx.db.write(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, userId)))
      .returning({ id: users.id });
    if (!user) throw new NotFound('No such user');
    await dropRecoveryCodes(tx, ctx.workspace.id, userId);
    await tx
      .delete(passkeys)
      .where(and(eq(passkeys.workspaceId, ctx.workspace.id), eq(passkeys.userId, userId)));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.workspaceId, ctx.workspace.id), eq(sessions.userId, userId)));
  });
}

/** The policy cannot lock out the admin who turns it on: they must have a second factor (code app or passkey) first. */
export async function assertCanRequireTwoFactor(ctx: RequestContext) {
  if (ctx.workspace.requireTwoFactor) return;
  const user = await currentUser(ctx);
  if (!user.totpEnabled && (await ctx.db.read((x) => countPasskeys(x, ctx.workspace.id, ctx.userId))) === 0)
    throw new Conflict(
      'Set up two-factor sign-in or a passkey for yourself first (your profile), then require it for everyone',
    );
}
