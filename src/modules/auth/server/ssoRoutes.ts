import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../../common/errors';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import {
  ssoAvailability as availabilityView,
  ssoSettingsInput,
  ssoSettingsView,
  ssoTestView,
} from '../contract';
import { authHttp } from './http';
import { deleteSsoSettings, getSsoSettings, putSsoSettings, testSso } from './sso';
import { SsoRefused, beginSso, finishSso, ssoAvailability, ssoCookie, ssoCookiePath } from './ssoSignIn';

const startQuery = z.object({
  workspace: z.string().max(100),
  redirect: z.string().max(2000).optional(),
});

/** Only same-site paths are opened after sign-in, never an outside address. */
const samePath = (target: string | undefined) =>
  target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';

export function ssoRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi } = platform;
  const { signedIn: startSignedIn, changing, limited, appOrigin, secureCookies } = authHttp(platform);
  const cookieOptions = (request: FastifyRequest) => ({
    path: ssoCookiePath,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(request),
  });

  /** Every failure ends on the sign-in page with the reason in words, and in the server log. */
  const refused = (request: FastifyRequest, reply: FastifyReply, error: unknown, workspace?: string) => {
    const known = error instanceof SsoRefused;
    const workspaceId = (known && error.workspaceId) || workspace || null;
    request.log.warn(
      { workspaceId, reason: known ? (error.detail ?? error.message) : String(error) },
      'SSO sign-in refused',
    );
    const message = known ? error.message : 'Single sign-on failed: try again or ask your admin';
    const search = new URLSearchParams({ ...(workspaceId && { workspace: workspaceId }), ssoError: message });
    reply.clearCookie(ssoCookie, { path: ssoCookiePath });
    return reply.redirect(`/sign-in?${search}`, 303);
  };

  openapi.add({
    method: 'get',
    path: '/auth/sso',
    tag: 'Auth',
    summary: 'Single sign-on settings (admin); the client secret only as hasSecret',
    response: ssoSettingsView,
  });
  app.get('/api/v1/auth/sso', async (request) =>
    getSsoSettings(await platform.authenticate(request), appOrigin(request)),
  );
  openapi.add({
    method: 'put',
    path: '/auth/sso',
    tag: 'Auth',
    summary: 'Set up single sign-on over OpenID Connect (admin, recent sign-in)',
    body: ssoSettingsInput,
    response: ssoSettingsView,
  });
  app.put('/api/v1/auth/sso', async (request) =>
    changing(request, (ctx) =>
      putSsoSettings(ctx, platform, parse(ssoSettingsInput, request.body), appOrigin(request)),
    ),
  );
  openapi.add({
    method: 'delete',
    path: '/auth/sso',
    tag: 'Auth',
    summary: 'Turn single sign-on off (admin, recent sign-in)',
  });
  app.delete('/api/v1/auth/sso', async (request, reply) => {
    await changing(request, (ctx) => deleteSsoSettings(ctx));
    return reply.status(204).send();
  });
  openapi.add({
    method: 'post',
    path: '/auth/sso/test',
    tag: 'Auth',
    summary: 'Run discovery against the saved issuer (admin) and say what happened',
    response: ssoTestView,
  });
  app.post('/api/v1/auth/sso/test', async (request) =>
    testSso(await platform.authenticate(request), platform),
  );

  openapi.add({
    method: 'get',
    path: '/auth/sso/available',
    tag: 'Auth',
    summary: 'The name of a workspace and whether it signs in with SSO, for its sign-in link',
    query: { workspace: 'the workspace id' },
    response: availabilityView,
  });
  app.get('/api/v1/auth/sso/available', limited, async (request) => {
    const { workspace } = parse(z.object({ workspace: z.uuid() }), request.query);
    const found = await ssoAvailability(platform, workspace);
    if (!found) throw new NotFound('No such workspace');
    return found;
  });

  openapi.add({
    method: 'get',
    path: '/auth/sso/start',
    tag: 'Auth',
    summary: 'Sign in with SSO: redirects to the identity provider (PKCE, state and nonce)',
    query: { workspace: 'the workspace id', redirect: 'a same-site path to open after sign-in' },
    status: 303,
  });
  app.get('/api/v1/auth/sso/start', limited, async (request, reply) => {
    const query = startQuery.safeParse(request.query);
    if (!query.success) return refused(request, reply, new SsoRefused('Choose a workspace first', null));
    try {
      const redirectUri = `${appOrigin(request)}${ssoCookiePath}/callback`;
      const started = await beginSso(
        platform,
        query.data.workspace,
        redirectUri,
        samePath(query.data.redirect),
      );
      reply.setCookie(ssoCookie, started.cookie, { ...cookieOptions(request), maxAge: started.maxAge });
      return reply.redirect(started.url, 303);
    } catch (error) {
      return refused(request, reply, error, query.data.workspace);
    }
  });

  openapi.add({
    method: 'get',
    path: '/auth/sso/callback',
    tag: 'Auth',
    summary: 'Where the identity provider sends the browser back; signs in and redirects to the app',
    status: 303,
  });
  app.get('/api/v1/auth/sso/callback', limited, async (request, reply) => {
    try {
      const signedIn = await finishSso(platform, request.cookies[ssoCookie], request.url);
      reply.clearCookie(ssoCookie, { path: ssoCookiePath });
      const { workspaceId, userId } = signedIn;
      await startSignedIn(request, reply, signedIn.token, { workspaceId, userId });
      request.log.info({ workspaceId: signedIn.workspaceId, userId: signedIn.userId }, 'SSO sign-in');
      return reply.redirect(signedIn.returnTo, 303);
    } catch (error) {
      return refused(request, reply, error);
    }
  });
}
