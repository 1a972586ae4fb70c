import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { Conflict, Forbidden, TooManyRequests, Unauthorized } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import { clearHits, countHit, readHits } from '../../../server/http/rateLimits';
import { decoyHash, verifyPassword } from '../../../server/secrets';
import type { loginInput } from '../contract';
import { startSession, sessionView } from './service';
import { identities, ssoSettings, users, workspaces } from './tables';
import { redeemRecoveryCode } from './recoveryCodes';
import { acceptTotp, type TotpDeps } from './totp';

/**
 * Failed sign-ins slow down the pair of an email and a client address, never the account itself: a
 * stranger cannot lock a user out, and an unknown email is slowed exactly like a known one. After
 * five failures in fifteen minutes each further try waits twice as long as the one before (1 s, 2 s,
 * 4 s …) until the window ends; a success clears the count.
 */
const freeFailures = 5;
const failureWindowMs = 15 * 60_000;
/** One answer for every failure: unknown email, wrong password, disabled user, missing or wrong code. */
const refused = 'Wrong email, password or two-factor code';
/** At most this many workspaces are tried for one email without a workspaceId. */
const maxMemberships = 10;

const attemptKey = (email: string, ip: string) => `signin|${email}|${ip}`;

async function assertMayTry(db: Database, key: string) {
  const found = await readHits(db, key);
  if (!found || found.hits < freeFailures) return;
  const waitMs = Math.min(2 ** (found.hits - freeFailures) * 1000, found.ttlMs) - found.sinceLastMs;
  if (waitMs > 0)
    throw new TooManyRequests('Too many failed sign-ins; wait and try again', Math.ceil(waitMs / 1000));
}

async function memberships(db: Database, input: z.infer<typeof loginInput>) {
  const where = input.workspaceId
    ? and(eq(identities.email, input.email), eq(identities.workspaceId, input.workspaceId))
    : eq(identities.email, input.email);
  return db.read((x) =>
    x
      .select({ user: users, workspaceName: workspaces.name, requireSso: ssoSettings.requireSso })
      .from(identities)
      .innerJoin(users, and(eq(users.workspaceId, identities.workspaceId), eq(users.id, identities.userId)))
      .innerJoin(workspaces, eq(workspaces.id, identities.workspaceId))
      .leftJoin(ssoSettings, eq(ssoSettings.workspaceId, identities.workspaceId))
      .where(where)
      .orderBy(workspaces.name)
      .limit(maxMemberships),
  );
}

export async function login(
  db: Database,
  totp: TotpDeps,
  input: z.infer<typeof loginInput>,
  clientAddress: string,
) {
  const key = attemptKey(input.email, clientAddress);
  await assertMayTry(db, key);
  const fail = async (): Promise<never> => {
    await countHit(db, key, failureWindowMs);
    throw new Unauthorized(refused);
  };
  const found = await memberships(db, input);
  const matching = [];
  for (const m of found)
    if ((await verifyPassword(input.password, m.user.passwordHash)) && !m.user.disabled) matching.push(m);
  if (found.length === 0) await verifyPassword(input.password, decoyHash);
  if (matching.length === 0) return fail();
  // Only someone who knows the password learns which workspaces the address belongs to.
  if (matching.length > 1)
    throw new Conflict('This email belongs to several workspaces: sign in with a workspaceId', {
      workspaces: matching.map((m) => ({ id: m.user.workspaceId, name: m.workspaceName })),
    });
  const { user, requireSso } = matching[0];
  // "Require SSO": the password no longer opens the workspace, except for admins, who keep it so that
  // a broken identity provider cannot lock everyone out. Said only to someone who knew the password.
  if (requireSso && user.role !== 'admin')
    throw new Forbidden('Your workspace signs in with single sign-on: use "Sign in with SSO"', {
      sso: true,
      workspaceId: user.workspaceId,
    });
  // The second factor: a code from the authenticator, or one of the recovery codes (each works once).
  if (user.totpEnabled) {
    const passed = input.recoveryCode
      ? await redeemRecoveryCode(db, user, input.recoveryCode)
      : Boolean(input.totp && (await acceptTotp(db, totp, user, input.totp)));
    if (!passed) return fail();
  }
  await clearHits(db, key);
  return db.write(async (tx) => {
    const token = await startSession(tx, user.workspaceId, user.id);
    return { token, session: await sessionView(tx, user.workspaceId, user.id) };
  });
}
