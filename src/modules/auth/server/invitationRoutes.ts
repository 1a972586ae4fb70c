import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import {
  acceptInvitationInput,
  invitationInput,
  invitationPreview,
  invitationTokenInput,
  invitationView,
  sessionView,
  signInLink,
} from '../contract';
import { emailInvitation } from './emails';
import { authHttp, id } from './http';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitations';

/** Invitations by link: an admin invites, the invited person sets their own password. */
export function invitationRoutes(app: FastifyInstance, platform: Platform) {
  const { db, openapi } = platform;
  const { startBrowserSession, changing, limited, appOrigin } = authHttp(platform);

  openapi.add({
    method: 'post',
    path: '/invitations',
    tag: 'Users',
    summary:
      'Invite someone by link (admin); the link works once, within seven days, and is also emailed (`emailed`) when the workspace has an SMTP server',
    body: invitationInput,
    response: signInLink,
    status: 201,
  });
  app.post('/api/v1/invitations', async (request, reply) => {
    const input = parse(invitationInput, request.body);
    const ctx = await platform.authenticate(request);
    const invitation = await createInvitation(ctx, input, appOrigin(request));
    const emailed = await emailInvitation(platform, ctx.workspace, { email: input.email, ...invitation });
    return reply.status(201).send({ ...invitation, emailed });
  });
  openapi.add({
    method: 'get',
    path: '/invitations',
    tag: 'Users',
    summary: 'Invitations not yet accepted (admin)',
    response: z.object({ data: z.array(invitationView) }),
  });
  app.get('/api/v1/invitations', async (request) => ({
    data: await listInvitations(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'delete',
    path: '/invitations/{id}',
    tag: 'Users',
    summary: 'Withdraw an invitation (admin)',
  });
  app.delete('/api/v1/invitations/:id', async (request, reply) => {
    await changing(request, (ctx) => revokeInvitation(ctx, id(request)));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'post',
    path: '/invitations/preview',
    tag: 'Users',
    summary: 'Who an invitation link is for, before accepting it',
    body: invitationTokenInput,
    response: invitationPreview,
  });
  app.post('/api/v1/invitations/preview', limited, async (request) =>
    previewInvitation(db, parse(invitationTokenInput, request.body).token),
  );
  openapi.add({
    method: 'post',
    path: '/invitations/accept',
    tag: 'Users',
    summary: 'Accept an invitation with your own name and password; signs you in',
    body: acceptInvitationInput,
    response: sessionView,
  });
  app.post('/api/v1/invitations/accept', limited, async (request, reply) => {
    const { token, session } = await acceptInvitation(db, parse(acceptInvitationInput, request.body));
    await startBrowserSession(request, reply, token);
    await platform.changes.announce(session.workspace.id);
    return session;
  });
}
