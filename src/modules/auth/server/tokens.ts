import { randomToken, sha256 } from '../../../server/secrets';

/**
 * Session and API tokens carry their workspace id, so each lookup stays on one workspace's shard:
 * `rs_<workspace>_<secret>` for sessions, `rk_` for API keys, `ri_` for invitations and `rp_` for
 * password resets. Only hashes are stored.
 */
export type TokenKind = 'rs' | 'rk' | 'ri' | 'rp';

export function issueToken(kind: TokenKind, workspaceId: string): { token: string; hash: string } {
  const token = `${kind}_${workspaceId.replace(/-/g, '')}_${randomToken(32)}`;
  return { token, hash: sha256(token) };
}

export function readToken(kind: TokenKind, token: string): { workspaceId: string; hash: string } | null {
  const match = /^(rs|rk|ri|rp)_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || match[1] !== kind) return null;
  const h = match[2];
  const workspaceId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { workspaceId, hash: sha256(token) };
}
