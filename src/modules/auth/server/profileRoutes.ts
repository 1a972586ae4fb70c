import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Unauthorized } from '../../../common/errors';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import {
  changePasswordInput,
  recoveryCodesView,
  forgotPasswordInput,
  resetPasswordInput,
  sessionCheck,
  sessionEntry,
  signInLink,
  totpConfirmInput,
  twoFactorStatus as twoFactorStatusView,
} from '../contract';
import { authHttp, currentSessionHash, id } from './http';
import { requestPasswordReset } from './emails';
import { changePassword, completePasswordReset, createPasswordReset } from './passwords';
import { me } from './service';
import { endOtherSessions, endOwnSession, listSessions } from './sessions';
import { renewRecoveryCodes, resetTwoFactor, twoFactorStatus } from './twoFactor';

/** The signed-in user's own sign-in settings (password, sessions, second factor) and an admin's resets. */
export function profileRoutes(app: FastifyInstance, platform: Platform) {
  const { db, openapi } = platform;
  const { startBrowserSession, changing, limited, appOrigin, publicOrigin } = authHttp(platform);

  openapi.add({
    method: 'get',
    path: '/auth/session',
    tag: 'Auth',
    summary:
      'The signed-in user and workspace, or null: answers 200 either way (the web app checks it on every visit)',
    response: sessionCheck,
  });
  app.get('/api/v1/auth/session', async (request) => {
    try {
      return { session: await me(await platform.authenticate(request)) };
    } catch (error) {
      if (error instanceof Unauthorized) return { session: null };
      throw error;
    }
  });

  openapi.add({
    method: 'post',
    path: '/auth/password',
    tag: 'Auth',
    summary: 'Change your password; every other session of yours is signed out',
    body: changePasswordInput,
  });
  app.post('/api/v1/auth/password', limited, async (request, reply) => {
    const input = parse(changePasswordInput, request.body);
    await changing(request, (ctx) => changePassword(ctx, currentSessionHash(request), input));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/auth/sessions',
    tag: 'Auth',
    summary: 'Your sessions: device, address, last seen',
    response: z.object({ data: z.array(sessionEntry) }),
  });
  app.get('/api/v1/auth/sessions', async (request) => ({
    data: await listSessions(await platform.authenticate(request), currentSessionHash(request)),
  }));
  openapi.add({
    method: 'delete',
    path: '/auth/sessions/{id}',
    tag: 'Auth',
    summary: 'Sign out one of your sessions',
  });
  app.delete('/api/v1/auth/sessions/:id', async (request, reply) => {
    await changing(request, (ctx) => endOwnSession(ctx, id(request)));
    return reply.status(204).send();
  });
  openapi.add({
    method: 'delete',
    path: '/auth/sessions',
    tag: 'Auth',
    summary: 'Sign out everywhere else: every session of yours but this one',
    response: z.object({ ended: z.number().int() }),
  });
  app.delete('/api/v1/auth/sessions', async (request) =>
    changing(request, (ctx) => endOtherSessions(ctx, currentSessionHash(request))),
  );

  openapi.add({
    method: 'get',
    path: '/auth/two-factor',
    tag: 'Auth',
    summary: 'Whether your second factor is on, whether the workspace requires it, recovery codes left',
    response: twoFactorStatusView,
  });
  app.get('/api/v1/auth/two-factor', async (request) =>
    twoFactorStatus(await platform.authenticate(request)),
  );
  openapi.add({
    method: 'post',
    path: '/auth/recovery-codes',
    tag: 'Auth',
    summary: 'New recovery codes against a current authenticator code; the old ones stop working',
    body: totpConfirmInput,
    response: recoveryCodesView,
  });
  app.post('/api/v1/auth/recovery-codes', async (request) => {
    const { code } = parse(totpConfirmInput, request.body);
    return renewRecoveryCodes(await platform.authenticate(request), platform, code);
  });
  openapi.add({
    method: 'post',
    path: '/users/{id}/two-factor/reset',
    tag: 'Users',
    summary: "Clear a user's second factor and recovery codes (admin); their sessions end",
  });
  app.post('/api/v1/users/:id/two-factor/reset', async (request, reply) => {
    await changing(request, (ctx) => resetTwoFactor(ctx, id(request)));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'post',
    path: '/users/{id}/password-reset',
    tag: 'Users',
    summary: 'A single-use password reset link for a user, valid for a day (admin)',
    response: signInLink,
    status: 201,
  });
  app.post('/api/v1/users/:id/password-reset', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await createPasswordReset(ctx, id(request), appOrigin(request)));
  });
  openapi.add({
    method: 'post',
    path: '/auth/password-reset/request',
    tag: 'Auth',
    summary:
      'Forgot password: emails a reset link to each workspace of the address that has an SMTP server (only when RAPPORT_PUBLIC_URL is set); always 202, whether or not the address is known',
    body: forgotPasswordInput,
    status: 202,
  });
  app.post('/api/v1/auth/password-reset/request', limited, async (request, reply) => {
    const { email } = parse(forgotPasswordInput, request.body);
    // Without a configured address nothing is sent: the answer stays the same, so it tells nothing.
    const origin = publicOrigin();
    if (origin) await requestPasswordReset(platform, email, origin);
    return reply.status(202).send();
  });
  openapi.add({
    method: 'post',
    path: '/auth/password-reset/complete',
    tag: 'Auth',
    summary:
      'Set a new password from a reset link; signs this browser in unless the user has a second factor (session is then null)',
    body: resetPasswordInput,
    response: sessionCheck,
  });
  app.post('/api/v1/auth/password-reset/complete', limited, async (request, reply) => {
    const reset = await completePasswordReset(db, parse(resetPasswordInput, request.body));
    await platform.changes.announce(reset.workspaceId);
    if (reset.token) await startBrowserSession(request, reply, reset.token);
    const { session } = reset;
    return { session };
  });
}
