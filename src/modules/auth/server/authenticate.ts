import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Forbidden, Unauthorized } from '../../../common/errors';
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
  totp_enabled: boolean;
  key_id: string | null;
  key_name: string | null;
  ws_id: string;
  ws_name: string;
  default_country: string;
  base_currency: string;
  require_two_factor: boolean;
  metadata_version: number;
  /** sessions expire; API keys do not (null) */
  expires_at: string | null;
  /** a session whose last-seen time is due to be written again */
  seen_long_ago?: boolean;
}

const workspaceColumns = sql`w.id AS ws_id, w.name AS ws_name, w.default_country, w.base_currency, w.require_two_factor, w.metadata_version`;

function sessionQuery(workspaceId: string, hash: string) {
  return sql`SELECT u.id AS user_id, u.name AS user_name, u.role, u.team_id, u.totp_enabled, NULL AS key_id, NULL AS key_name, to_char(s.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at, s.last_seen_at < now() - interval '5 minutes' AS seen_long_ago, ${workspaceColumns}
    FROM sessions s
    JOIN users u ON u.workspace_id = s.workspace_id AND u.id = s.user_id
    JOIN workspaces w ON w.id = s.workspace_id
    WHERE s.workspace_id = ${workspaceId} AND s.token_hash = ${hash} AND s.expires_at > now() AND NOT u.disabled`;
}

function apiKeyQuery(workspaceId: string, hash: string) {
  return sql`SELECT u.id AS user_id, u.name AS user_name, k.role, u.team_id, u.totp_enabled, k.id AS key_id, k.name AS key_name, NULL AS expires_at, ${workspaceColumns}
    FROM api_keys k
    JOIN users u ON u.workspace_id = k.workspace_id AND u.id = k.user_id
    JOIN workspaces w ON w.id = k.workspace_id
    WHERE k.workspace_id = ${workspaceId} AND k.token_hash = ${hash} AND k.revoked_at IS NULL AND NOT u.disabled`;
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

  dropWorkspace(workspaceId: string): void {
    for (const [hash, entry] of this.entries)
      if (entry.principal.ws_id === workspaceId) this.entries.delete(hash);
  }
}

async function principalFor(
  db: Database,
  cache: PrincipalCache,
  hash: string,
  query: ReturnType<typeof sessionQuery>,
) {
  const cached = cache.get(hash);
  if (cached) return cached;
  const [p] = await db.read((x) => rows<Principal>(x, query));
  if (p) cache.set(hash, p);
  return p;
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

/** Who is calling: an API key (Bearer) or a session cookie, checked against the database (or the principal cache). */
export async function authenticate(
  db: Database,
  cache: PrincipalCache,
  request: FastifyRequest,
  publicUrl?: string,
): Promise<RequestContext> {
  const header = request.headers.authorization;
  if (header) {
    const token = readToken('rk', header.replace(/^Bearer\s+/i, '').trim());
    if (!token) throw new Unauthorized('The API key is not valid');
    const p = await principalFor(db, cache, token.hash, apiKeyQuery(token.workspaceId, token.hash));
    if (!p) throw new Unauthorized('The API key is not valid or has been revoked');
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
  if (p.require_two_factor && !p.totp_enabled && !request.url.startsWith('/api/v1/auth/')) {
    throw new Forbidden('This workspace requires two-factor sign-in: set it up first');
  }
  return {
    db,
    workspace: workspaceInfo(p),
    userId: p.user_id,
    teamId: p.team_id,
    role: p.role,
    actor: { type: 'user', id: p.user_id, name: p.user_name },
    source: 'app',
  };
}
