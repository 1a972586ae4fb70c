import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { mailbox, mailboxInput, mailboxPatch } from '../contract';
import { addMailbox, changeMailbox, listMailboxes, mailboxOf, removeMailbox } from './mailboxes';
import { endpoint, idParam } from './routes';
import { syncJob } from './sync';

/** The signed-in user's own IMAP mailboxes, with their sync health. */
export function mailboxRoutes(app: FastifyInstance, platform: Platform) {
  const ctxOf = (request: FastifyRequest) => platform.authenticate(request);
  const queueSync = (workspaceId: string, mailboxId: string) =>
    platform.jobs.send(syncJob, { workspaceId, mailboxId }, { singletonKey: mailboxId });

  endpoint(
    app,
    platform,
    {
      method: 'get',
      path: '/mail/mailboxes',
      summary:
        'Your mailboxes with their sync health: last success, messages seen, imported, waiting for review, failed, the last error',
      response: z.object({ data: z.array(mailbox) }),
    },
    async (request) => ({ data: await listMailboxes(await ctxOf(request)) }),
  );
  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/mailboxes',
      summary: 'Connect your IMAP mailbox (the password is stored sealed); its first sync starts at once',
      body: mailboxInput,
      response: mailbox,
      status: 201,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const id = await addMailbox(platform, ctx, parse(mailboxInput, request.body));
      await queueSync(ctx.workspace.id, id);
      return reply.status(201).send(await mailboxOf(ctx, id));
    },
  );
  endpoint(
    app,
    platform,
    {
      method: 'patch',
      path: '/mail/mailboxes/{id}',
      summary: 'Change your mailbox',
      body: mailboxPatch,
      response: mailbox,
    },
    async (request) => {
      const ctx = await ctxOf(request);
      const id = idParam(request);
      await changeMailbox(platform, ctx, id, parse(mailboxPatch, request.body));
      return mailboxOf(ctx, id);
    },
  );
  endpoint(
    app,
    platform,
    {
      method: 'delete',
      path: '/mail/mailboxes/{id}',
      summary: 'Disconnect your mailbox (captured mail stays)',
    },
    async (request, reply) => {
      await removeMailbox(await ctxOf(request), idParam(request));
      return reply.status(204).send();
    },
  );
  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/mailboxes/{id}/sync',
      summary: 'Sync your mailbox now',
      response: mailbox,
      status: 202,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const id = idParam(request);
      const found = await mailboxOf(ctx, id);
      await queueSync(ctx.workspace.id, id);
      return reply.status(202).send(found);
    },
  );
}
