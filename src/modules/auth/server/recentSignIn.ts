import { and, eq } from 'drizzle-orm';
import { Forbidden, Unauthorized } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import { verifyPassword } from '../../../server/secrets';
import type { reauthenticateInput } from '../contract';
import { sessions, users } from './tables';
import { acceptTotp, type TotpDeps } from './totp';
import type { z } from 'zod';

/** How long a sign-in (or re-entered password) lets a session mint keys and change roles. */
export const recentSignInMinutes = 10;

/**
 * Minting an API key and changing a role need a session whose user signed in, or entered their
 * password or code again, within the last ten minutes: a stolen session cookie, or a key, cannot.
 */
export function assertRecentSignIn(ctx: RequestContext, doing: string): void {
  if (ctx.actor.type !== 'user' || !ctx.signedInAt)
    throw new Forbidden(`${doing} needs a signed-in user, not an API key`);
  if (Date.now() - Date.parse(ctx.signedInAt) > recentSignInMinutes * 60_000)
    throw new Forbidden(
      `${doing} needs a recent sign-in: enter your password again (POST /api/v1/auth/reauthenticate)`,
      { reauthenticate: true },
    );
}

/** Checks the password, or a current two-factor code, and marks this session as recently signed in. */
export async function reauthenticate(
  ctx: RequestContext,
  deps: TotpDeps,
  tokenHash: string,
  input: z.infer<typeof reauthenticateInput>,
): Promise<void> {
  const me = and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId));
  const [user] = await ctx.db.read((x) => x.select().from(users).where(me));
  const ok =
    'password' in input
      ? await verifyPassword(input.password, user.passwordHash)
      : user.totpEnabled && (await acceptTotp(ctx.db, deps, user, input.totp));
  if (!ok) throw new Unauthorized('The password or code is not right');
  await ctx.db.write((tx) =>
    tx
      .update(sessions)
      .set({ verifiedAt: new Date().toISOString() })
      .where(and(eq(sessions.workspaceId, ctx.workspace.id), eq(sessions.tokenHash, tokenHash))),
  );
}
