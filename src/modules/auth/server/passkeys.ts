import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, asc, count, eq } from 'drizzle-orm';
import { isIP } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Conflict, NotFound, Unauthorized, ValidationFailed } from '../../../common/errors';
import type { Executor } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { countHit } from '../../../server/http/rateLimits';
import type { Platform } from '../../../server/platform';
import type { PasskeyView, passkeyAddInput } from '../contract';
import { assertRecentSignIn } from './recentSignIn';
import { passkeys } from './tables';
import { currentUser } from './totp';

/**
 * Passkeys over WebAuthn (@simplewebauthn/server). A ceremony's challenge travels in a sealed
 * five-minute cookie and is spent on first use; the relying party is the app's own address.
 */
export const passkeyCookie = 'rapport_passkey';
export const passkeyCookiePath = '/api/v1/auth';
const ceremonyMinutes = 5;
const maxPerUser = 20;
const notAccepted = 'The passkey was not accepted';

type Deps = Pick<Platform, 'db' | 'secrets'>;
type Kind = 'add' | 'sign-in';
interface Ceremony {
  kind: Kind;
  challenge: string;
  /** whose passkey is being added */
  workspaceId?: string;
  userId?: string;
  expires: number;
}
/** Where the browser talks to the app (its origin), and the sealed ceremony cookie it sent back. */
export interface CeremonyRequest {
  origin: string;
  cookie: string | undefined;
}

/** The relying party is the app's host name: browsers refuse passkeys for IP addresses. */
function relyingParty(origin: string) {
  const rpID = new URL(origin).hostname;
  if (isIP(rpID.replace(/^\[|\]$/g, '')))
    throw new Conflict(
      `Passkeys need Rapport opened at a name (such as localhost or crm.example.com), not at the address ${rpID}`,
    );
  return rpID;
}

/** The user handle the authenticator keeps: the workspace's and user's ids, so a passkey alone finds both. */
function userHandle(workspaceId: string, userId: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(Buffer.from(`${workspaceId}${userId}`.replaceAll('-', ''), 'hex'));
}

function readUserHandle(handle: string | undefined) {
  const hex = handle ? Buffer.from(handle, 'base64url').toString('hex') : '';
  if (hex.length !== 64) return null;
  const uuid = (h: string) =>
    `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { workspaceId: uuid(hex.slice(0, 32)), userId: uuid(hex.slice(32)) };
}

function seal(deps: Deps, ceremony: Omit<Ceremony, 'expires'>): string {
  return deps.secrets.seal(JSON.stringify({ ...ceremony, expires: Date.now() + ceremonyMinutes * 60_000 }));
}

function openCeremony(deps: Deps, cookie: string | undefined, kind: Kind): Ceremony {
  if (cookie) {
    try {
      const ceremony = JSON.parse(deps.secrets.open(cookie)) as Ceremony;
      if (ceremony.kind === kind && ceremony.expires > Date.now()) return ceremony;
    } catch {
      // a cookie this server did not seal: treated like none
    }
  }
  throw new Unauthorized('The passkey request took too long or was started in another tab: try again');
}

/** The challenge the browser signed must be this ceremony's, and is good once across every process. */
const spend = (deps: Deps, challenge: string) => async (signed: string) =>
  signed === challenge &&
  (await countHit(deps.db, `passkey|${challenge}`, ceremonyMinutes * 60_000)).hits === 1;

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

function view(p: typeof passkeys.$inferSelect): PasskeyView {
  return {
    id: p.id,
    name: p.name,
    backedUp: p.backedUp,
    createdAt: new Date(p.createdAt).toISOString(),
    lastUsedAt: p.lastUsedAt ? new Date(p.lastUsedAt).toISOString() : null,
  };
}

/** How many passkeys a user has: with a code app, whether they have a second factor. */
export async function countPasskeys(x: Executor, workspaceId: string, userId: string): Promise<number> {
  const [{ n }] = await x
    .select({ n: count() })
    .from(passkeys)
    .where(and(eq(passkeys.workspaceId, workspaceId), eq(passkeys.userId, userId)));
  return n;
}

const mine = (ctx: RequestContext) =>
  and(eq(passkeys.workspaceId, ctx.workspace.id), eq(passkeys.userId, ctx.userId));

export async function listPasskeys(ctx: RequestContext) {
  const found = await ctx.db.read((x) =>
    x.select().from(passkeys).where(mine(ctx)).orderBy(asc(passkeys.createdAt)),
  );
  return { passkeys: found.map(view) };
}

/** Step one of adding a passkey (after a recent sign-in): options for the browser's `credentials.create`. */
export async function passkeyAddOptions(ctx: RequestContext, deps: Deps, origin: string) {
  assertRecentSignIn(ctx, 'Adding a passkey');
  const rpID = relyingParty(origin);
  const user = await currentUser(ctx);
  const existing = await ctx.db.read((x) => x.select().from(passkeys).where(mine(ctx)));
  if (existing.length >= maxPerUser)
    throw new Conflict(`You have ${maxPerUser} passkeys already: remove one you no longer use first`);
  const options = await generateRegistrationOptions({
    rpName: 'Rapport',
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandle(ctx.workspace.id, ctx.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransport[],
    })),
    // discoverable, so that it can sign in without an email; the PIN or fingerprint where it has one
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const cookie = seal(deps, {
    kind: 'add',
    challenge: options.challenge,
    workspaceId: ctx.workspace.id,
    userId: ctx.userId,
  });
  return { options, cookie };
}

/** Step two: the browser's answer is checked against the ceremony, and the public key kept. */
export async function addPasskey(
  ctx: RequestContext,
  deps: Deps,
  request: CeremonyRequest,
  input: z.infer<typeof passkeyAddInput>,
): Promise<PasskeyView> {
  assertRecentSignIn(ctx, 'Adding a passkey');
  const ceremony = openCeremony(deps, request.cookie, 'add');
  if (ceremony.workspaceId !== ctx.workspace.id || ceremony.userId !== ctx.userId)
    throw new Unauthorized(notAccepted);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: spend(deps, ceremony.challenge),
      expectedOrigin: new URL(request.origin).origin,
      expectedRPID: relyingParty(request.origin),
      requireUserVerification: false,
    });
  } catch (error) {
    throw new ValidationFailed(`The passkey could not be checked: ${failure(error)}`);
  }
  if (!verified.verified) throw new ValidationFailed('The passkey could not be checked');
  const { credential, credentialBackedUp } = verified.registrationInfo;
  const [stored] = await ctx.db.write((tx) =>
    tx
      .insert(passkeys)
      .values({
        workspaceId: ctx.workspace.id,
        id: uuidv7(),
        userId: ctx.userId,
        name: input.name,
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? input.response.response.transports ?? [],
        backedUp: credentialBackedUp,
      })
      .onConflictDoNothing()
      .returning(),
  );
  if (!stored) throw new Conflict('This passkey is already added');
  return view(stored);
}

/**
 * Removes one of the caller's passkeys. Under the workspace's two-factor policy the last second
 * factor stays: a user without a code app keeps at least one passkey.
 */
export async function removePasskey(ctx: RequestContext, id: string): Promise<void> {
  const user = await currentUser(ctx);
  const existing = await ctx.db.read((x) => x.select({ id: passkeys.id }).from(passkeys).where(mine(ctx)));
  if (!existing.some((p) => p.id === id)) throw new NotFound('No such passkey');
  if (ctx.workspace.requireTwoFactor && !user.totpEnabled && existing.length === 1)
    throw new Conflict('This workspace requires two-factor sign-in: add another passkey or a code app first');
  await ctx.db.write((tx) => tx.delete(passkeys).where(and(mine(ctx), eq(passkeys.id, id))));
}

/** Options for the browser's `credentials.get`: any of the user's passkeys, found by the browser. */
export async function passkeySignInOptions(deps: Deps, origin: string) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(origin),
    userVerification: 'preferred',
  });
  return { options, cookie: seal(deps, { kind: 'sign-in', challenge: options.challenge }) };
}

/** Whose passkey signed: the user handle names the workspace and user; null when it names none. */
export function passkeyOwner(response: AuthenticationResponseJSON) {
  return readUserHandle(response.response.userHandle);
}

/**
 * Checks a signed challenge against the owner's stored passkey and moves its counter on. Without a
 * password the authenticator must also have verified the user (PIN, fingerprint or face).
 */
export async function checkPasskey(
  deps: Deps,
  request: CeremonyRequest,
  owner: { workspaceId: string; userId: string },
  response: AuthenticationResponseJSON,
  requireUserVerification: boolean,
): Promise<void> {
  const ceremony = openCeremony(deps, request.cookie, 'sign-in');
  const which = and(eq(passkeys.workspaceId, owner.workspaceId), eq(passkeys.credentialId, response.id));
  const [key] = await deps.db.read((x) => x.select().from(passkeys).where(which));
  if (!key || key.userId !== owner.userId) throw new Unauthorized(notAccepted);
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: spend(deps, ceremony.challenge),
      expectedOrigin: new URL(request.origin).origin,
      expectedRPID: relyingParty(request.origin),
      credential: {
        id: key.credentialId,
        publicKey: isoBase64URL.toBuffer(key.publicKey),
        counter: key.counter,
        transports: key.transports,
      },
      requireUserVerification,
    });
  } catch (error) {
    throw new Unauthorized(`${notAccepted} (${failure(error)})`);
  }
  if (!result.verified) throw new Unauthorized(notAccepted);
  const { newCounter, credentialBackedUp } = result.authenticationInfo;
  await deps.db.write((tx) =>
    tx
      .update(passkeys)
      .set({ counter: newCounter, backedUp: credentialBackedUp, lastUsedAt: new Date().toISOString() })
      .where(and(which, eq(passkeys.id, key.id))),
  );
}
