import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { ValidationFailed } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import { checkOutboundHost, privateAddressReason } from '../../../server/outboundHosts';
import type { Platform } from '../../../server/platform';
import type { SsoSettingsInput, SsoSettingsView, SsoTestView } from '../contract';
import { assertRecentSignIn } from './recentSignIn';
import { ssoSettings } from './tables';

export type SsoRow = typeof ssoSettings.$inferSelect;
type Outbound = Pick<Platform, 'secrets' | 'settings'>;

/** Where the identity provider sends the browser back, and where this workspace's SSO button lives. */
export function ssoAddresses(origin: string, workspaceId: string) {
  return {
    redirectUri: `${origin}/api/v1/auth/sso/callback`,
    signInUrl: `${origin}/sign-in?workspace=${workspaceId}`,
  };
}

export async function readSsoRow(db: Database, workspaceId: string): Promise<SsoRow | null> {
  const [row] = await db.read((x) =>
    x.select().from(ssoSettings).where(eq(ssoSettings.workspaceId, workspaceId)),
  );
  return row ?? null;
}

function view(row: SsoRow | null, origin: string, workspaceId: string): SsoSettingsView {
  return {
    configured: row !== null,
    ...ssoAddresses(origin, workspaceId),
    issuer: row?.issuer ?? null,
    clientId: row?.clientId ?? null,
    hasSecret: Boolean(row?.clientSecret),
    allowedDomains: row?.allowedDomains ?? [],
    createUsers: row?.createUsers ?? false,
    defaultRole: row?.defaultRole === 'manager' || row?.defaultRole === 'viewer' ? row.defaultRole : 'rep',
    requireSso: row?.requireSso ?? false,
  };
}

export async function getSsoSettings(ctx: RequestContext, origin: string): Promise<SsoSettingsView> {
  assertAdmin(ctx);
  return view(await readSsoRow(ctx.db, ctx.workspace.id), origin, ctx.workspace.id);
}

/**
 * An admin's change, after a recent sign-in like every other sign-in setting. The issuer passes the
 * outbound host guard before anything is stored; just-in-time users need at least one allowed domain,
 * or anyone with an account at the provider (a Google account, say) could join the workspace.
 */
export async function putSsoSettings(
  ctx: RequestContext,
  platform: Outbound,
  input: SsoSettingsInput,
  origin: string,
): Promise<SsoSettingsView> {
  assertAdmin(ctx);
  assertRecentSignIn(ctx, 'Changing single sign-on');
  if (input.createUsers && input.allowedDomains.length === 0)
    throw new ValidationFailed('Creating users on first sign-in needs at least one allowed domain', [
      { path: 'allowedDomains', message: 'add the domain of your company addresses' },
    ]);
  await guardIssuer(new URL(input.issuer), platform);
  const values = {
    issuer: input.issuer.replace(/\/$/, ''),
    clientId: input.clientId,
    allowedDomains: [...new Set(input.allowedDomains)],
    createUsers: input.createUsers,
    defaultRole: input.defaultRole,
    requireSso: input.requireSso,
    updatedAt: new Date().toISOString(),
    ...(input.clientSecret !== undefined && {
      clientSecret: input.clientSecret === null ? null : platform.secrets.seal(input.clientSecret),
    }),
  };
  const [row] = await ctx.db.write((tx) =>
    tx
      .insert(ssoSettings)
      .values({ workspaceId: ctx.workspace.id, ...values })
      .onConflictDoUpdate({ target: ssoSettings.workspaceId, set: values })
      .returning(),
  );
  return view(row, origin, ctx.workspace.id);
}

export async function deleteSsoSettings(ctx: RequestContext): Promise<void> {
  assertAdmin(ctx);
  assertRecentSignIn(ctx, 'Changing single sign-on');
  await ctx.db.write((tx) => tx.delete(ssoSettings).where(eq(ssoSettings.workspaceId, ctx.workspace.id)));
}

/**
 * The issuer's host must pass the outbound guard; plain http is accepted only for a private host the
 * operator allowed (a provider on the same network, or the tests' provider on loopback).
 */
async function guardIssuer(issuer: URL, platform: Outbound): Promise<{ insecure: boolean }> {
  const target = await checkOutboundHost(issuer.hostname, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
  const insecure = issuer.protocol === 'http:';
  if (insecure && !privateAddressReason(target.address))
    throw new ValidationFailed('The issuer must be an https:// address', [
      { path: 'issuer', message: 'use the https:// address of the identity provider' },
    ]);
  return { insecure };
}

/** openid-client's requests (discovery, keys, token, user info) each pass the outbound guard too. */
function guardedFetch(platform: Outbound): oidc.CustomFetch {
  return async (url, options) => {
    await checkOutboundHost(new URL(url).hostname, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
    return fetch(url, options as RequestInit);
  };
}

/** The provider's configuration by discovery (`/.well-known/openid-configuration`), with this client's credentials. */
export async function providerConfig(platform: Outbound, row: SsoRow): Promise<oidc.Configuration> {
  const issuer = new URL(row.issuer);
  const { insecure } = await guardIssuer(issuer, platform);
  const secret = row.clientSecret ? platform.secrets.open(row.clientSecret) : undefined;
  return oidc.discovery(issuer, row.clientId, secret, secret ? undefined : oidc.None(), {
    [oidc.customFetch]: guardedFetch(platform),
    timeout: 10,
    execute: insecure ? [oidc.allowInsecureRequests] : [],
  });
}

/** Plain words for what went wrong talking to the provider. */
export function providerProblem(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError)
    return `The identity provider refused: ${error.error_description ?? error.error}`;
  if (error instanceof oidc.ResponseBodyError)
    return `The identity provider answered an error: ${error.error_description ?? error.error}`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** "Test": discovery against the saved issuer, reported in words rather than thrown. */
export async function testSso(ctx: RequestContext, platform: Outbound): Promise<SsoTestView> {
  assertAdmin(ctx);
  const row = await readSsoRow(ctx.db, ctx.workspace.id);
  if (!row) return { ok: false, message: 'Single sign-on is not set up yet: save the settings first' };
  try {
    const metadata = (await providerConfig(platform, row)).serverMetadata();
    return {
      ok: true,
      message: `Found ${metadata.issuer}: sign-in goes to ${metadata.authorization_endpoint ?? 'an unnamed address'}`,
    };
  } catch (error) {
    return { ok: false, message: `Discovery failed: ${providerProblem(error)}` };
  }
}
