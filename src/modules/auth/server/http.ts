import type { FastifyReply, FastifyRequest } from 'fastify';
import { type RequestContext, assertRecordId } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { sessionCookie } from './authenticate';
import { noteDevice } from './sessions';
import { readToken } from './tokens';

/** What every auth route file shares: the session cookie, the sign-in rate limit, and announced changes. */
export function authHttp(platform: Platform) {
  const { db, settings } = platform;
  const secure = settings.RAPPORT_PUBLIC_URL?.startsWith('https://') ?? false;
  const secureCookies = (request: FastifyRequest) => secure || request.protocol === 'https';
  /** Sets the session cookie and remembers the device the session was started from. */
  async function startBrowserSession(request: FastifyRequest, reply: FastifyReply, token: string) {
    reply.setCookie(sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies(request),
      maxAge: 30 * 86400,
    });
    await noteDevice(db, token, request);
  }
  return {
    /** Cookies are Secure behind an https public address or on an https request. */
    secureCookies,
    startBrowserSession,
    /** A sign-in (password, passkey or SSO): the session cookie, and a `signin` usage event. */
    async signedIn(
      request: FastifyRequest,
      reply: FastifyReply,
      token: string,
      who: { workspaceId: string; userId: string },
    ) {
      await startBrowserSession(request, reply, token);
      platform.usage.record({ ...who, object: null, action: 'signin', recordId: null });
    },
    /** Runs a change to users, keys, sessions or settings, then tells every process to drop cached principals. */
    async changing<T>(request: FastifyRequest, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
      const ctx = await platform.authenticate(request);
      const result = await work(ctx);
      await platform.changes.announce(ctx.workspace.id);
      return result;
    },
    /** Sign-in attempts (and anything that takes a secret from an anonymous caller) per IP per minute. */
    limited: { config: { rateLimit: { max: settings.RAPPORT_LOGIN_LIMIT, timeWindow: '1 minute' } } },
    /**
     * The configured address alone: for links mailed at an anonymous caller's request, whose Host
     * header is theirs to choose (a reset link pointing at their server would hand them the token).
     */
    publicOrigin(): string | null {
      return settings.RAPPORT_PUBLIC_URL ? new URL(settings.RAPPORT_PUBLIC_URL).origin : null;
    },
    /**
     * The address the browser is at, which passkeys are bound to: the configured address when the
     * request came to its host (its scheme holds behind a proxy), else the request's own scheme and
     * host (one the host allow-list answers, so no rebinding can choose it).
     */
    pageOrigin(request: FastifyRequest): string {
      const configured = settings.RAPPORT_PUBLIC_URL ? new URL(settings.RAPPORT_PUBLIC_URL) : null;
      return configured && configured.host === request.host
        ? configured.origin
        : `${request.protocol}://${request.host}`;
    },
    /** The address links in invitations and reset links point at. */
    appOrigin(request: FastifyRequest): string {
      return settings.RAPPORT_PUBLIC_URL
        ? new URL(settings.RAPPORT_PUBLIC_URL).origin
        : `${request.protocol}://${request.host}`;
    },
  };
}

/** The hash of the caller's own session token, to keep it when signing out the others. */
export function currentSessionHash(request: FastifyRequest): string | null {
  const cookie = request.cookies[sessionCookie];
  return (cookie && readToken('rs', cookie)?.hash) || null;
}

/** The `:id` of the route, checked to be a record id. */
export function id(request: FastifyRequest): string {
  const value = (request.params as { id: string }).id;
  assertRecordId(value);
  return value;
}
