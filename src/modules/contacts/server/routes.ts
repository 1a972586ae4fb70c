import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accountContact } from '../../accounts/contract';
import { contactAccountInput, contactAccountView } from '../contract';
import type { Platform } from '../../../server/platform';
import { parse } from '../../../server/http/validate';
import { assertCanWrite, getRecordJson, writeTransaction } from '../../../server/engine';
import { accountContacts, contactAccounts, relateToAccount } from './relations';

export function contactRoutes(app: FastifyInstance, platform: Platform) {
  const { registry, openapi } = platform;
  const visible = async (request: FastifyRequest, object: 'accounts' | 'contacts') => {
    const ctx = await platform.authenticate(request);
    const id = (request.params as { id: string }).id;
    await getRecordJson(ctx, await registry.object(ctx.db, ctx.workspace, object, ctx.role), id);
    return { ctx, id };
  };

  openapi.add({
    method: 'get',
    path: '/accounts/{id}/contacts',
    tag: 'Accounts',
    summary: "The account's people, current and past, primary first",
    response: z.object({ data: z.array(accountContact) }),
  });
  app.get('/api/v1/accounts/:id/contacts', async (request) => {
    const { ctx, id } = await visible(request, 'accounts');
    return {
      data: await accountContacts(
        ctx,
        id,
        await registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role),
      ),
    };
  });

  openapi.add({
    method: 'get',
    path: '/contacts/{id}/accounts',
    tag: 'Contacts',
    summary: "The contact's accounts with roles, past ones too",
    response: z.object({ data: z.array(contactAccountView) }),
  });
  app.get('/api/v1/contacts/:id/accounts', async (request) => {
    const { ctx, id } = await visible(request, 'contacts');
    return {
      data: await contactAccounts(
        ctx,
        id,
        await registry.object(ctx.db, ctx.workspace, 'accounts', ctx.role),
      ),
    };
  });

  openapi.add({
    method: 'post',
    path: '/contacts/{id}/accounts',
    tag: 'Contacts',
    summary: 'Relate the contact to another account with a role',
    body: contactAccountInput,
    response: z.object({ data: z.array(contactAccountView) }),
    status: 201,
  });
  app.post('/api/v1/contacts/:id/accounts', async (request, reply) => {
    const { ctx, id } = await visible(request, 'contacts');
    assertCanWrite(ctx);
    const input = parse(contactAccountInput, request.body);
    await getRecordJson(
      ctx,
      await registry.object(ctx.db, ctx.workspace, 'accounts', ctx.role),
      input.accountId,
    );
    // The primary account and the relationship's role change together or not at all.
    await writeTransaction(
      ctx,
      await registry.objects(ctx.db, ctx.workspace, ctx.role),
      async (records, tx) => {
        if (input.isPrimary)
          await records.update('contacts', [{ id, body: { accountId: input.accountId }, path: '' }]);
        await relateToAccount(ctx, tx, id, input);
      },
    );
    return reply.status(201).send({
      data: await contactAccounts(
        ctx,
        id,
        await registry.object(ctx.db, ctx.workspace, 'accounts', ctx.role),
      ),
    });
  });
}
