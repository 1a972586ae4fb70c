import { and, eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Platform } from '../../../server/platform';
import { randomToken } from '../../../server/secrets';
import { readSsoRow, providerConfig, providerProblem, type SsoRow } from './sso';
import { insertUser, startSession } from './service';
import { users, workspaces } from './tables';

/** The sealed cookie that carries one sign-in from /sso/start to /sso/callback in the same browser. */
export const ssoCookie = 'rapport_sso';
export const ssoCookiePath = '/api/v1/auth/sso';
const pendingMinutes = 10;

interface Pending {
  workspaceId: string;
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** A same-site path to open after sign-in. */
  returnTo: string;
  expires: number;
}

/** A refused SSO sign-in: `message` is shown on the sign-in page, `detail` only logged. */
export class SsoRefused extends Error {
  constructor(
    message: string,
    readonly workspaceId: string | null,
    readonly detail?: string,
  ) {
    super(message);
  }
}

type Deps = Pick<Platform, 'db' | 'secrets' | 'settings'>;

async function configured(deps: Deps, workspaceId: string): Promise<SsoRow> {
  const row = /^[0-9a-f-]{36}$/i.test(workspaceId) ? await readSsoRow(deps.db, workspaceId) : null;
  if (!row) throw new SsoRefused('Single sign-on is not set up for this workspace', null);
  return row;
}

async function connect(deps: Deps, row: SsoRow) {
  try {
    return await providerConfig(deps, row);
  } catch (error) {
    throw new SsoRefused(
      'The identity provider cannot be reached; try again later or ask your admin',
      row.workspaceId,
      providerProblem(error),
    );
  }
}

/**
 * Step one: the provider's authorization address (code flow with PKCE, state and nonce) and the
 * sealed cookie that remembers them. Nothing is stored server-side; the cookie expires in ten minutes.
 */
export async function beginSso(deps: Deps, workspaceId: string, redirectUri: string, returnTo: string) {
  const row = await configured(deps, workspaceId);
  const config = await connect(deps, row);
  const pending: Pending = {
    workspaceId: row.workspaceId,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    redirectUri,
    returnTo,
    expires: Date.now() + pendingMinutes * 60_000,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.href, cookie: deps.secrets.seal(JSON.stringify(pending)), maxAge: pendingMinutes * 60 };
}

function openPending(deps: Deps, cookie: string | undefined): Pending {
  if (cookie) {
    try {
      const pending = JSON.parse(deps.secrets.open(cookie)) as Pending;
      if (pending.expires > Date.now()) return pending;
    } catch {
      // a cookie this server did not seal: treated like none
    }
  }
  throw new SsoRefused('The sign-in took too long or was started elsewhere: start again', null);
}

interface Claims {
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/** The code for tokens; openid-client checks state, PKCE, and the ID token's signature, issuer, audience, nonce and expiry. */
async function verifiedClaims(config: oidc.Configuration, callbackUrl: URL, pending: Pending) {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error('The provider answered no ID token');
  // Providers that follow the spec to the letter put email in the user info, not the ID token.
  if (typeof idToken.email === 'string') return idToken as Claims;
  return (await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)) as Claims;
}

/**
 * Step two: the provider sent the browser back. The verified address must be confirmed by the provider
 * and, when the workspace lists domains, from one of them; it signs in the user with that address in
 * this workspace, or creates them when just-in-time creation is on.
 */
export async function finishSso(deps: Deps, cookie: string | undefined, callbackPath: string) {
  const pending = openPending(deps, cookie);
  const row = await configured(deps, pending.workspaceId);
  const config = await connect(deps, row);
  const refuse = (message: string, detail?: string) => new SsoRefused(message, row.workspaceId, detail);
  let claims: Claims;
  try {
    claims = await verifiedClaims(config, new URL(callbackPath, pending.redirectUri), pending);
  } catch (error) {
    // The provider's own refusal (the person cancelled, or may not use this application) is shown as it is.
    if (error instanceof oidc.AuthorizationResponseError) throw refuse(providerProblem(error));
    throw refuse('The identity provider’s answer could not be verified: start again', providerProblem(error));
  }
  if (typeof claims.email !== 'string') throw refuse('The identity provider did not share an email address');
  const email = claims.email.trim().toLowerCase();
  if (claims.email_verified !== true)
    throw refuse(`The identity provider has not verified ${email}`, 'email_verified is not true');
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (row.allowedDomains.length > 0 && !row.allowedDomains.includes(domain))
    throw refuse(`Addresses at ${domain} may not sign in to this workspace`);
  const userId = await deps.db.write(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, disabled: users.disabled })
      .from(users)
      .where(and(eq(users.workspaceId, row.workspaceId), eq(users.email, email)));
    if (user?.disabled) throw refuse(`${email} is disabled in this workspace`);
    if (user) return user.id;
    if (!row.createUsers)
      throw refuse(`${email} is not a member of this workspace: ask your admin to invite you`);
    const name =
      typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email.split('@')[0];
    // The password is random and never told: this user signs in through SSO, or sets one by a reset link.
    return insertUser(tx, row.workspaceId, {
      email,
      name: name.slice(0, 120),
      password: randomToken(),
      role: row.defaultRole,
    });
  });
  const token = await deps.db.write((tx) => startSession(tx, row.workspaceId, userId));
  return { token, workspaceId: row.workspaceId, userId, returnTo: pending.returnTo };
}

/** What the sign-in page shows for a workspace it was linked to: its name, and whether SSO is set up. */
export async function ssoAvailability(deps: Deps, workspaceId: string) {
  const [found] = await deps.db.read((x) =>
    x.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  );
  return found ? { workspaceName: found.name, sso: (await readSsoRow(deps.db, workspaceId)) !== null } : null;
}
