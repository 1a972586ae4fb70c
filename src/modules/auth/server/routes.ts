import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Unauthorized } from '../../../common/errors';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import {
  apiKeyView,
  createApiKeyInput,
  createTeamInput,
  createUserInput,
  loginInput,
  reauthenticateInput,
  recoveryCodesView,
  sessionView,
  signupInput,
  teamView,
  totpConfirmInput,
  totpSetupView,
  updateUserInput,
  userView,
  workspaceSettingsInput,
  workspaceView,
} from '../contract';
import { createApiKey, listApiKeys, revokeApiKey } from './apiKeys';
import { sessionCookie } from './authenticate';
import { authHttp, id } from './http';
import {
  createTeam,
  createUser,
  deleteTeam,
  endSession,
  listTeams,
  listUsers,
  me,
  renameTeam,
  signup,
  updateUser,
  updateWorkspace,
} from './service';
import { reauthenticate, recentSignInMinutes } from './recentSignIn';
import { login } from './login';
import { passkeyCookie } from './passkeys';
import { definePurgeOfSessions } from './purge';
import { readToken } from './tokens';
import { confirmTotp, disableTotp, startTotp } from './totp';

export const usersPerMinute = 30;

export function authRoutes(app: FastifyInstance, platform: Platform) {
  const { db, settings, openapi } = platform;
  definePurgeOfSessions(platform.jobs, db);
  const { startBrowserSession, signedIn, changing, limited, pageOrigin } = authHttp(platform);
  // Users added per session or API key per minute: room for an admin, not for a script. Keyed by the
  // token's hash, so that a forged token naming a workspace cannot use up that workspace's allowance.
  const usersLimited = {
    config: {
      rateLimit: {
        max: usersPerMinute,
        timeWindow: '1 minute',
        keyGenerator: (request: FastifyRequest) => {
          const header = request.headers.authorization?.replace(/^Bearer\s+/i, '').trim();
          const cookie = request.cookies[sessionCookie];
          const token = (header && readToken('rk', header)) || (cookie && readToken('rs', cookie));
          return token ? token.hash : request.ip;
        },
      },
    },
  };

  openapi.add({
    method: 'post',
    path: '/auth/signup',
    tag: 'Auth',
    summary: 'Create a workspace and its first admin',
    body: signupInput,
    response: sessionView,
    status: 201,
  });
  app.post('/api/v1/auth/signup', limited, async (request, reply) => {
    const { token, session } = await signup(
      db,
      settings.RAPPORT_SIGNUP,
      parse(signupInput, request.body),
      platform.setupWorkspace,
    );
    await startBrowserSession(request, reply, token);
    return reply.status(201).send(session);
  });

  openapi.add({
    method: 'post',
    path: '/auth/login',
    tag: 'Auth',
    summary: 'Sign in',
    body: loginInput,
    response: sessionView,
  });
  app.post('/api/v1/auth/login', limited, async (request, reply) => {
    const ceremony = { origin: pageOrigin(request), cookie: request.cookies[passkeyCookie] };
    const { token, session } = await login(platform, ceremony, parse(loginInput, request.body), request.ip);
    await signedIn(request, reply, token, { workspaceId: session.workspace.id, userId: session.user.id });
    return session;
  });

  openapi.add({ method: 'post', path: '/auth/logout', tag: 'Auth', summary: 'Sign out' });
  app.post('/api/v1/auth/logout', async (request, reply) => {
    const cookie = request.cookies[sessionCookie];
    const token = cookie ? readToken('rs', cookie) : null;
    if (token) {
      await endSession(db, token.workspaceId, token.hash);
      await platform.changes.announce(token.workspaceId);
    }
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/auth/me',
    tag: 'Auth',
    summary: 'The signed-in user and workspace',
    response: sessionView,
  });
  app.get('/api/v1/auth/me', async (request) => me(await platform.authenticate(request)));

  openapi.add({
    method: 'post',
    path: '/auth/reauthenticate',
    tag: 'Auth',
    summary: `Enter the password (or a two-factor code) again: for ${recentSignInMinutes} minutes the session may mint API keys and change roles`,
    body: reauthenticateInput,
  });
  app.post('/api/v1/auth/reauthenticate', limited, async (request, reply) => {
    const cookie = request.cookies[sessionCookie];
    const token = cookie ? readToken('rs', cookie) : null;
    if (!token) throw new Unauthorized('Only a signed-in session can confirm its password');
    await changing(request, (ctx) =>
      reauthenticate(ctx, platform, token.hash, parse(reauthenticateInput, request.body)),
    );
    return reply.status(204).send();
  });

  openapi.add({
    method: 'post',
    path: '/auth/totp/setup',
    tag: 'Auth',
    summary: 'Start two-factor enrolment: answers the secret, an otpauth:// URI and its QR code',
    response: totpSetupView,
  });
  openapi.add({
    method: 'post',
    path: '/auth/totp/confirm',
    tag: 'Auth',
    summary: 'Turn two-factor sign-in on with a current code; answers recovery codes, shown only here',
    body: totpConfirmInput,
    response: recoveryCodesView,
  });
  openapi.add({
    method: 'post',
    path: '/auth/totp/disable',
    tag: 'Auth',
    summary: 'Turn two-factor sign-in off with a current code',
    body: totpConfirmInput,
  });
  app.post('/api/v1/auth/totp/setup', async (request) =>
    startTotp(await platform.authenticate(request), platform),
  );
  app.post('/api/v1/auth/totp/confirm', async (request) =>
    changing(request, (ctx) => confirmTotp(ctx, platform, parse(totpConfirmInput, request.body).code)),
  );
  app.post('/api/v1/auth/totp/disable', async (request, reply) => {
    await changing(request, (ctx) => disableTotp(ctx, platform, parse(totpConfirmInput, request.body).code));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/users',
    tag: 'Users',
    summary: 'Users of the workspace',
    response: z.object({ data: z.array(userView) }),
  });
  app.get('/api/v1/users', async (request) => ({
    data: await listUsers(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'post',
    path: '/users',
    tag: 'Users',
    summary: 'Add a user (admin)',
    body: createUserInput,
    response: userView,
    status: 201,
  });
  app.post('/api/v1/users', usersLimited, async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return reply.status(201).send(await createUser(ctx, parse(createUserInput, request.body)));
  });
  openapi.add({
    method: 'patch',
    path: '/users/{id}',
    tag: 'Users',
    summary: 'Change a user (admin); disabling ends their sessions and keys',
    body: updateUserInput,
    response: userView,
  });
  app.patch('/api/v1/users/:id', async (request) =>
    changing(request, (ctx) => updateUser(ctx, id(request), parse(updateUserInput, request.body))),
  );

  openapi.add({
    method: 'get',
    path: '/teams',
    tag: 'Users',
    summary: 'Teams',
    response: z.object({ data: z.array(teamView) }),
  });
  app.get('/api/v1/teams', async (request) => ({
    data: await listTeams(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'post',
    path: '/teams',
    tag: 'Users',
    summary: 'Add a team (admin)',
    body: createTeamInput,
    response: teamView,
    status: 201,
  });
  app.post('/api/v1/teams', async (request, reply) =>
    reply
      .status(201)
      .send(await createTeam(await platform.authenticate(request), parse(createTeamInput, request.body))),
  );

  openapi.add({
    method: 'patch',
    path: '/teams/{id}',
    tag: 'Users',
    summary: 'Rename a team (admin)',
    body: createTeamInput,
    response: teamView,
  });
  app.patch('/api/v1/teams/:id', async (request) =>
    changing(request, (ctx) => renameTeam(ctx, id(request), parse(createTeamInput, request.body))),
  );
  openapi.add({
    method: 'delete',
    path: '/teams/{id}',
    tag: 'Users',
    summary: 'Delete a team (admin); its members are left without a team',
  });
  app.delete('/api/v1/teams/:id', async (request, reply) => {
    await changing(request, (ctx) => deleteTeam(ctx, id(request)));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/api-keys',
    tag: 'API keys',
    summary: 'API keys',
    query: { mine: "`true`: only the caller's own keys (admins otherwise see every key)" },
    response: z.object({ data: z.array(apiKeyView) }),
  });
  app.get('/api/v1/api-keys', async (request) => {
    const ctx = await platform.authenticate(request);
    const query = parse(z.object({ mine: z.enum(['true', 'false']).optional() }).strict(), request.query);
    return { data: await listApiKeys(ctx, query.mine === 'true') };
  });
  openapi.add({
    method: 'post',
    path: '/api-keys',
    tag: 'API keys',
    summary: 'Create an API key; the token is shown only in this answer',
    body: createApiKeyInput,
    status: 201,
    response: z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      expiresAt: z.string().nullable(),
      token: z.string(),
    }),
  });
  app.post('/api/v1/api-keys', async (request, reply) =>
    reply
      .status(201)
      .send(await createApiKey(await platform.authenticate(request), parse(createApiKeyInput, request.body))),
  );
  openapi.add({
    method: 'delete',
    path: '/api-keys/{id}',
    tag: 'API keys',
    summary: 'Revoke an API key at once',
  });
  app.delete('/api/v1/api-keys/:id', async (request, reply) => {
    await changing(request, (ctx) => revokeApiKey(ctx, id(request)));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'patch',
    path: '/workspace',
    tag: 'Workspace',
    summary: 'Workspace settings (admin)',
    body: workspaceSettingsInput,
    response: workspaceView,
  });
  app.patch('/api/v1/workspace', async (request) =>
    changing(request, (ctx) => updateWorkspace(ctx, parse(workspaceSettingsInput, request.body))),
  );
}
