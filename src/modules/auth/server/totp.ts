import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { toDataURL } from 'qrcode';
import { Conflict, Unauthorized } from '../../../common/errors';
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

export function verifyTotp(deps: TotpDeps, sealed: string, email: string, code: string): boolean {
  return totpFor(deps.secrets.open(sealed), email).validate({ token: code, window: 1 }) !== null;
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
      .set({ totpSecret: deps.secrets.seal(secret.base32) })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId))),
  );
  const uri = totpFor(secret.base32, user.email).toString();
  return { secret: secret.base32, uri, qrCode: await toDataURL(uri, { margin: 1, width: 220 }) };
}

export async function confirmTotp(ctx: RequestContext, deps: TotpDeps, code: string) {
  const user = await currentUser(ctx);
  if (!user.totpSecret || !verifyTotp(deps, user.totpSecret, user.email, code))
    throw new Unauthorized('The code is not valid');
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
  if (!verifyTotp(deps, user.totpSecret, user.email, code)) throw new Unauthorized('The code is not valid');
  await ctx.db.write(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabled: false, totpSecret: null })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId)));
    await dropRecoveryCodes(tx, ctx.workspace.id, ctx.userId);
  });
}
