import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import {
  passkeyAddInput,
  passkeyList,
  passkeyOptions,
  passkeySignInInput,
  passkeyView,
  sessionView,
} from '../contract';
import { authHttp, id } from './http';
import { passkeySignIn } from './login';
import {
  addPasskey,
  listPasskeys,
  passkeyAddOptions,
  passkeyCookie,
  passkeyCookiePath,
  passkeySignInOptions,
  removePasskey,
} from './passkeys';

/** The user's own passkeys, and signing in with one (see passkeys.ts). */
export function passkeyRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi } = platform;
  const { signedIn, changing, limited, pageOrigin, secureCookies } = authHttp(platform);
  /** The ceremony's sealed challenge rides in a short-lived cookie, read back by the next step. */
  const remember = (request: FastifyRequest, reply: FastifyReply, cookie: string) =>
    reply.setCookie(passkeyCookie, cookie, {
      path: passkeyCookiePath,
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies(request),
      maxAge: 5 * 60,
    });
  const ceremony = (request: FastifyRequest, reply: FastifyReply) => {
    reply.clearCookie(passkeyCookie, { path: passkeyCookiePath });
    return { origin: pageOrigin(request), cookie: request.cookies[passkeyCookie] };
  };

  openapi.add({
    method: 'get',
    path: '/auth/passkeys',
    tag: 'Auth',
    summary: 'Your passkeys, oldest first',
    response: passkeyList,
  });
  app.get('/api/v1/auth/passkeys', async (request) => listPasskeys(await platform.authenticate(request)));

  openapi.add({
    method: 'post',
    path: '/auth/passkeys/options',
    tag: 'Auth',
    summary:
      'Start adding a passkey (recent sign-in): options for navigator.credentials.create, valid five minutes in this browser',
    response: passkeyOptions,
  });
  app.post('/api/v1/auth/passkeys/options', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const { options, cookie } = await passkeyAddOptions(ctx, platform, pageOrigin(request));
    remember(request, reply, cookie);
    return { options };
  });

  openapi.add({
    method: 'post',
    path: '/auth/passkeys',
    tag: 'Auth',
    summary: 'Add a passkey: the browser’s answer to the options, and a name for it (recent sign-in)',
    body: passkeyAddInput,
    response: passkeyView,
    status: 201,
  });
  app.post('/api/v1/auth/passkeys', async (request, reply) => {
    const input = parse(passkeyAddInput, request.body);
    const added = await changing(request, (ctx) =>
      addPasskey(ctx, platform, ceremony(request, reply), input),
    );
    return reply.status(201).send(added);
  });

  openapi.add({
    method: 'delete',
    path: '/auth/passkeys/{id}',
    tag: 'Auth',
    summary: 'Remove one of your passkeys (not the last second factor where the workspace requires one)',
  });
  app.delete('/api/v1/auth/passkeys/:id', async (request, reply) => {
    await changing(request, (ctx) => removePasskey(ctx, id(request)));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'post',
    path: '/auth/passkeys/sign-in/options',
    tag: 'Auth',
    summary:
      'Start signing in with a passkey, or using one after the password instead of a code: options for navigator.credentials.get',
    response: passkeyOptions,
  });
  app.post('/api/v1/auth/passkeys/sign-in/options', limited, async (request, reply) => {
    const { options, cookie } = await passkeySignInOptions(platform, pageOrigin(request));
    remember(request, reply, cookie);
    return { options };
  });

  openapi.add({
    method: 'post',
    path: '/auth/passkeys/sign-in',
    tag: 'Auth',
    summary: 'Sign in with a passkey alone (it must verify you: PIN, fingerprint or face)',
    body: passkeySignInInput,
    response: sessionView,
  });
  app.post('/api/v1/auth/passkeys/sign-in', limited, async (request, reply) => {
    const input = parse(passkeySignInInput, request.body);
    const { token, session } = await passkeySignIn(platform, ceremony(request, reply), input);
    await signedIn(request, reply, token, { workspaceId: session.workspace.id, userId: session.user.id });
    return session;
  });
}
