import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { toDataURL } from 'qrcode';
import { Conflict, Unauthorized } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { SecretBox } from '../../../server/secrets';
import { dropRecoveryCodes, issueRecoveryCodes } from './recoveryCodes';
import { users } from './tables';

export interface TotpDeps {
  secrets: SecretBox;
}

function totpFor(secretBase32: string, email: string) {
  return new TOTP({
    issuer: 'Rapport',
    label: email,
    secret: Secret.fromBase32(secretBase32),
    digits: 6,
    period: 30,
  });
}

/** The time step a code belongs to, or null when it is not valid now (one step of clock drift allowed). */
function stepOf(deps: TotpDeps, sealed: string, email: string, code: string): number | null {
  const totp = totpFor(deps.secrets.open(sealed), email);
  const delta = totp.validate({ token: code, window: 1 });
  return delta === null ? null : totp.counter() + delta;
}

/**
 * Accepts a code once: the user's last used time step is moved forward in one statement, so the
 * same code (or an older one) is refused until its window has passed, in every server process.
 */
export async function acceptTotp(
  db: Database,
  deps: TotpDeps,
  user: Pick<typeof users.$inferSelect, 'workspaceId' | 'id' | 'email' | 'totpSecret'>,
  code: string,
): Promise<boolean> {
  if (!user.totpSecret) return false;
  const step = stepOf(deps, user.totpSecret, user.email, code);
  if (step === null) return false;
  const taken = await db.write((tx) =>
    tx
      .update(users)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(users.workspaceId, user.workspaceId),
          eq(users.id, user.id),
          or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
        ),
      )
      .returning({ id: users.id }),
  );
  return taken.length === 1;
}

export async function currentUser(ctx: RequestContext) {
  const [user] = await ctx.db.read((x) =>
    x
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId))),
  );
  return user;
}

/** Starts TOTP enrolment: a new secret, stored encrypted, not active until confirmed with a code. */
export async function startTotp(ctx: RequestContext, deps: TotpDeps) {
  const user = await currentUser(ctx);
  if (user.totpEnabled) throw new Conflict('Two-factor sign-in is already on');
  const secret = new Secret({ size: 20 });
  await ctx.db.write((tx) =>
    tx
      .update(users)
      .set({ totpSecret: deps.secrets.seal(secret.base32), totpLastStep: null })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId))),
  );
  const uri = totpFor(secret.base32, user.email).toString();
  return { secret: secret.base32, uri, qrCode: await toDataURL(uri, { margin: 1, width: 220 }) };
}

export async function confirmTotp(ctx: RequestContext, deps: TotpDeps, code: string) {
  const user = await currentUser(ctx);
  if (!(await acceptTotp(ctx.db, deps, user, code))) throw new Unauthorized('The code is not valid');
  return ctx.db.write(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabled: true })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId)));
    return { recoveryCodes: await issueRecoveryCodes(tx, ctx.workspace.id, ctx.userId) };
  });
}

export async function disableTotp(ctx: RequestContext, deps: TotpDeps, code: string) {
  const user = await currentUser(ctx);
  if (!user.totpEnabled || !user.totpSecret) throw new Conflict('Two-factor sign-in is not on');
  if (ctx.workspace.requireTwoFactor) throw new Conflict('This workspace requires two-factor sign-in');
  if (!(await acceptTotp(ctx.db, deps, user, code))) throw new Unauthorized('The code is not valid');
  await ctx.db.write(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId)));
    await dropRecoveryCodes(tx, ctx.workspace.id, ctx.userId);
  });
}
