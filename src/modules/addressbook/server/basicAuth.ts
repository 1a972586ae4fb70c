import type { FastifyRequest } from 'fastify';
import { Unauthorized } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { authenticateApiKey, PrincipalCache } from '../../auth/server';

/**
 * Phones' address books speak HTTP Basic only: the password is one of the user's Rapport API keys and
 * the user name is not checked (people type their email). A Bearer key works too; a session cookie
 * does not, so no page on another site can make a browser act here.
 */
export function basicAuthentication(platform: Platform) {
  // Its own cache of principals, dropped with the platform's on every change to the workspace's users and keys.
  const cache = new PrincipalCache();
  platform.changes.onChange((workspaceId) => cache.dropWorkspace(workspaceId));
  return async (request: FastifyRequest): Promise<RequestContext> => {
    const header = request.headers.authorization ?? '';
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new Unauthorized('Give your email as user name and a Rapport API key as password');
      return authenticateApiKey(platform.db, cache, request, decoded.slice(colon + 1).trim());
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer) return authenticateApiKey(platform.db, cache, request, bearer[1]);
    throw new Unauthorized('Give your email as user name and a Rapport API key as password');
  };
}
