import { sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Forbidden, Unauthorized } from '../../../common/errors';
import { everyWorkspace } from '../../../server/db/changes';
import { rows, type Database } from '../../../server/db/database';
import type { RequestContext, WorkspaceInfo } from '../../../server/engine';
import { checkOrigin } from '../../../server/http/csrf';
import type { Role } from '../contract';
import { touchSession } from './sessions';
import { readToken } from './tokens';

export const sessionCookie = 'rapport_session';

interface Principal {
  user_id: string;
  user_name: string;
  role: Role;
  team_id: string | null;
  /** a code app or a passkey */
  second_factor: boolean;
  key_id: string | null;
  key_name: string | null;
  ws_id: string;
  ws_name: string;
  default_country: string;
  base_currency: string;
  require_two_factor: boolean;
  metadata_version: number;
  /** when the session or the key stops working; null for a key without expiry */
  expires_at: string | null;
  /** sessions: when the user last entered their password (or code); null for keys */
  signed_in_at: string | null;
  /** keys: when their use was last written */
  last_used_at: string | null;
  /** a session whose last-seen time is due to be written again */
  seen_long_ago?: boolean;
}

/** Either second factor meets the workspace's two-factor policy: a code app, or a passkey. */
const secondFactor = sql`(u.totp_enabled OR EXISTS (SELECT 1 FROM passkeys pk
  WHERE pk.workspace_id = u.workspace_id AND pk.user_id = u.id)) AS second_factor`;
const workspaceColumns = sql`w.id AS ws_id, w.name AS ws_name, w.default_country, w.base_currency, w.require_two_factor, w.metadata_version`;
const iso = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function sessionQuery(workspaceId: string, hash: string) {
  return sql`SELECT u.id AS user_id, u.name AS user_name, u.role, u.team_id, ${secondFactor}, NULL AS key_id, NULL AS key_name,
      ${iso(sql`s.expires_at`)} AS expires_at, ${iso(sql`GREATEST(s.created_at, s.verified_at)`)} AS signed_in_at, NULL AS last_used_at,
      s.last_seen_at < now() - interval '5 minutes' AS seen_long_ago, ${workspaceColumns}
    FROM sessions s
    JOIN users u ON u.workspace_id = s.workspace_id AND u.id = s.user_id
    JOIN workspaces w ON w.id = s.workspace_id
    WHERE s.workspace_id = ${workspaceId} AND s.token_hash = ${hash} AND s.expires_at > now() AND NOT u.disabled`;
}

/** A key acts with the lower of its own role and its owner's current role: a demoted owner demotes their keys. */
function apiKeyQuery(workspaceId: string, hash: string) {
  const rank = (role: SQL) => sql`array_position(ARRAY['viewer','rep','manager','admin'], ${role})`;
  return sql`SELECT u.id AS user_id, u.name AS user_name,
      CASE WHEN ${rank(sql`k.role`)} < ${rank(sql`u.role`)} THEN k.role ELSE u.role END AS role,
      u.team_id, ${secondFactor}, k.id AS key_id, k.name AS key_name,
      ${iso(sql`k.expires_at`)} AS expires_at, NULL AS signed_in_at, ${iso(sql`k.last_used_at`)} AS last_used_at, ${workspaceColumns}
    FROM api_keys k
    JOIN users u ON u.workspace_id = k.workspace_id AND u.id = k.user_id
    JOIN workspaces w ON w.id = k.workspace_id
    WHERE k.workspace_id = ${workspaceId} AND k.token_hash = ${hash} AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now()) AND NOT u.disabled`;
}

/** How stale a key's last-used time may get: it is written on a cache miss at most this often. */
const lastUsedEveryMs = 5 * 60_000;

async function touchApiKey(db: Database, p: Principal) {
  if (p.last_used_at && Date.now() - Date.parse(p.last_used_at) < lastUsedEveryMs) return;
  await db.write((tx) =>
    tx.execute(
      sql`UPDATE api_keys SET last_used_at = now() WHERE workspace_id = ${p.ws_id} AND id = ${p.key_id}`,
    ),
  );
}

/**
 * Principals by token hash, for a few seconds at most. Any change to a workspace's users, sessions,
 * keys or metadata drops that workspace's entries in every process (see WorkspaceChanges), so a
 * disabled user or revoked key stops working at once.
 */
export class PrincipalCache {
  private entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 20_000,
  ) {}

  get(hash: string): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.principal;
    this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, principal: Principal): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    const expiry = principal.expires_at ? Date.parse(principal.expires_at) : Infinity;
    const until = Math.min(Date.now() + this.ttlMs, expiry);
    this.entries.set(hash, { principal, until });
  }

  /** `everyWorkspace` drops them all (changes may have been missed). */
  dropWorkspace(workspaceId: string): void {
    if (workspaceId === everyWorkspace) return this.entries.clear();
    for (const [hash, entry] of this.entries)
      if (entry.principal.ws_id === workspaceId) this.entries.delete(hash);
  }
}

async function principalFor(db: Database, cache: PrincipalCache, hash: string, query: SQL) {
  const cached = cache.get(hash);
  if (cached) return cached;
  const [p] = await db.read((x) => rows<Principal>(x, query));
  if (!p) return p;
  if (p.key_id) await touchApiKey(db, p);
  cache.set(hash, p);
  return p;
}

/** Two-factor required by the workspace holds for sessions and for the keys of users without it alike. */
function assertTwoFactor(p: Principal, request: FastifyRequest) {
  if (!p.require_two_factor || p.second_factor) return;
  if (!p.key_id && request.url.startsWith('/api/v1/auth/')) return;
  throw new Forbidden('This workspace requires two-factor sign-in: set it up first');
}

function workspaceInfo(p: Principal): WorkspaceInfo {
  return {
    id: p.ws_id,
    name: p.ws_name,
    defaultCountry: p.default_country,
    baseCurrency: p.base_currency,
    requireTwoFactor: p.require_two_factor,
    metadataVersion: p.metadata_version,
  };
}

/**
 * The holder of an API key, however it came: as a Bearer token, or as the password of HTTP Basic (what
 * phones' address books speak, see the addressbook module).
 */
export async function authenticateApiKey(
  db: Database,
  cache: PrincipalCache,
  request: FastifyRequest,
  key: string,
): Promise<RequestContext> {
  const token = readToken('rk', key);
  if (!token) throw new Unauthorized('The API key is not valid');
  const p = await principalFor(db, cache, token.hash, apiKeyQuery(token.workspaceId, token.hash));
  if (!p) throw new Unauthorized('The API key is not valid, has expired or has been revoked');
  assertTwoFactor(p, request);
  return {
    db,
    workspace: workspaceInfo(p),
    userId: p.user_id,
    teamId: p.team_id,
    role: p.role,
    actor: { type: 'apiKey', id: p.key_id, name: p.key_name ?? 'API key' },
    source: 'api',
  };
}

/** Who is calling: an API key (Bearer) or a session cookie, checked against the database (or the principal cache). */
export async function authenticate(
  db: Database,
  cache: PrincipalCache,
  request: FastifyRequest,
  publicUrl?: string,
): Promise<RequestContext> {
  const header = request.headers.authorization;
  if (header) return authenticateApiKey(db, cache, request, header.replace(/^Bearer\s+/i, '').trim());
  const cookie = request.cookies[sessionCookie];
  const token = cookie ? readToken('rs', cookie) : null;
  if (!token) throw new Unauthorized();
  const p = await principalFor(db, cache, token.hash, sessionQuery(token.workspaceId, token.hash));
  if (!p) throw new Unauthorized('Your session has ended; sign in again');
  checkOrigin(request, publicUrl);
  if (p.seen_long_ago) {
    p.seen_long_ago = false;
    await touchSession(db, token.workspaceId, token.hash);
  }
  assertTwoFactor(p, request);
  return {
    db,
    workspace: workspaceInfo(p),
    userId: p.user_id,
    teamId: p.team_id,
    role: p.role,
    actor: { type: 'user', id: p.user_id, name: p.user_name },
    source: 'app',
    signedInAt: p.signed_in_at ?? undefined,
  };
}
