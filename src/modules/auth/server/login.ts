import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { Conflict, Forbidden, TooManyRequests, Unauthorized } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import { clearHits, countHit, readHits } from '../../../server/http/rateLimits';
import { decoyHash, verifyPassword } from '../../../server/secrets';
import type { Platform } from '../../../server/platform';
import type { loginInput, passkeySignInInput } from '../contract';
import { type CeremonyRequest, checkPasskey, passkeyOwner } from './passkeys';
import { startSession, sessionView } from './service';
import { identities, passkeys, ssoSettings, users, workspaces } from './tables';
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
      .select({
        user: users,
        workspaceName: workspaces.name,
        requireSso: ssoSettings.requireSso,
        hasPasskey: sql<boolean>`EXISTS (SELECT 1 FROM ${passkeys}
          WHERE ${passkeys.workspaceId} = ${users.workspaceId} AND ${passkeys.userId} = ${users.id})`,
      })
      .from(identities)
      .innerJoin(users, and(eq(users.workspaceId, identities.workspaceId), eq(users.id, identities.userId)))
      .innerJoin(workspaces, eq(workspaces.id, identities.workspaceId))
      .leftJoin(ssoSettings, eq(ssoSettings.workspaceId, identities.workspaceId))
      .where(where)
      .orderBy(workspaces.name)
      .limit(maxMemberships),
  );
}

type Deps = TotpDeps & Pick<Platform, 'db' | 'secrets'>;

export async function login(
  platform: Deps,
  ceremony: CeremonyRequest,
  input: z.infer<typeof loginInput>,
  clientAddress: string,
) {
  const { db } = platform;
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
  const { user, requireSso, hasPasskey } = matching[0];
  assertNotSsoOnly(user, requireSso);
  // The second factor: a code from the authenticator, one of the recovery codes (each works once), or a passkey.
  if (user.totpEnabled || hasPasskey) {
    const passed = input.passkey
      ? await checkPasskey(
          platform,
          ceremony,
          { workspaceId: user.workspaceId, userId: user.id },
          input.passkey,
          false,
        ).then(
          () => true,
          () => false,
        )
      : !user.totpEnabled
        ? false
        : input.recoveryCode
          ? await redeemRecoveryCode(db, user, input.recoveryCode)
          : Boolean(input.totp && (await acceptTotp(db, platform, user, input.totp)));
    if (!passed) return fail();
  }
  await clearHits(db, key);
  return openSession(db, user);
}

/**
 * "Require SSO": the password (or passkey) no longer opens the workspace, except for admins, who keep
 * it so that a broken identity provider cannot lock everyone out. Said only to someone who proved who they are.
 */
function assertNotSsoOnly(user: typeof users.$inferSelect, requireSso: boolean | null) {
  if (requireSso && user.role !== 'admin')
    throw new Forbidden('Your workspace signs in with single sign-on: use "Sign in with SSO"', {
      sso: true,
      workspaceId: user.workspaceId,
    });
}

function openSession(db: Database, user: typeof users.$inferSelect) {
  return db.write(async (tx) => {
    const token = await startSession(tx, user.workspaceId, user.id);
    return { token, session: await sessionView(tx, user.workspaceId, user.id) };
  });
}

/**
 * Sign-in with a passkey alone: the authenticator names the user, and must have verified them (PIN,
 * fingerprint or face), which stands for both the password and the second factor.
 */
export async function passkeySignIn(
  platform: Deps,
  ceremony: CeremonyRequest,
  input: z.infer<typeof passkeySignInInput>,
) {
  const owner = passkeyOwner(input.response);
  if (!owner) throw new Unauthorized('This passkey is not one of this server’s');
  const [found] = await platform.db.read((x) =>
    x
      .select({ user: users, requireSso: ssoSettings.requireSso })
      .from(users)
      .leftJoin(ssoSettings, eq(ssoSettings.workspaceId, users.workspaceId))
      .where(and(eq(users.workspaceId, owner.workspaceId), eq(users.id, owner.userId))),
  );
  if (!found || found.user.disabled) throw new Unauthorized('The passkey was not accepted');
  await checkPasskey(platform, ceremony, owner, input.response, true);
  assertNotSsoOnly(found.user, found.requireSso);
  return openSession(platform.db, found.user);
}
