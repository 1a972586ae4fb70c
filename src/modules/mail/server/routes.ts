import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertRecordId } from '../../../server/engine';
import type { OperationSpec } from '../../../server/http/openapi';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import {
  emailTemplate,
  emailTemplateInput,
  mailSettings,
  mailSettingsInput,
  pageQuery,
  reviewCreateContactInput,
  reviewItem,
  reviewLinkInput,
  reviewOutcome,
  sendEmailInput,
  sentEmail,
} from '../contract';
import { sendEmail } from './send';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates';
import { attachmentDownload } from './attachments';
import type { FileStore } from '../../../server/files/fileStore';
import { sendDownload } from '../../../server/files/download';
import { createContactFromReview, dismissReviewItem, linkReviewItem, listReview } from './review';
import { getMailSettings, updateMailSettings, type ListenerStatus } from './settings';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Registers a route and its entry in the OpenAPI document from one spec. */
export function endpoint(
  app: FastifyInstance,
  platform: Platform,
  spec: Omit<OperationSpec, 'tag'>,
  handler: Handler,
) {
  platform.openapi.add({ ...spec, tag: 'Mail' });
  const url = `/api/v1${spec.path.replace(/\{(\w+)\}/g, ':$1')}`;
  app.route({ method: spec.method.toUpperCase() as 'GET', url, handler });
}

export const idParam = (request: FastifyRequest) => {
  const value = (request.params as { id: string }).id;
  assertRecordId(value);
  return value;
};

export function mailRoutes(
  app: FastifyInstance,
  platform: Platform,
  store: FileStore,
  status: ListenerStatus,
) {
  const ctxOf = (request: FastifyRequest) => platform.authenticate(request);

  endpoint(
    app,
    platform,
    {
      method: 'get',
      path: '/mail/settings',
      summary: "The workspace's inbound address, capture privacy and SMTP server",
      response: mailSettings,
    },
    async (request) => getMailSettings(platform, status, await ctxOf(request)),
  );
  endpoint(
    app,
    platform,
    {
      method: 'patch',
      path: '/mail/settings',
      summary:
        'Set capture privacy and the outgoing SMTP server (admin); the password is stored sealed and never answered',
      body: mailSettingsInput,
      response: mailSettings,
    },
    async (request) => {
      const ctx = await ctxOf(request);
      return updateMailSettings(platform, status, ctx, parse(mailSettingsInput, request.body));
    },
  );

  endpoint(
    app,
    platform,
    {
      method: 'get',
      path: '/mail/review',
      summary: 'Captured messages that matched no contact or account, newest first',
      query: { limit: '1 to 200 (50)', cursor: 'from nextCursor' },
      response: z.object({ data: z.array(reviewItem), nextCursor: z.string().nullable() }),
    },
    async (request) => listReview(await ctxOf(request), parse(pageQuery, request.query, 'query.')),
  );
  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/review/{id}/link',
      summary: 'File a waiting message under a contact (and its account) as an email activity',
      body: reviewLinkInput,
      response: reviewOutcome,
    },
    async (request) => {
      const ctx = await ctxOf(request);
      const id = idParam(request);
      return linkReviewItem(platform, ctx, id, parse(reviewLinkInput, request.body).contactId);
    },
  );
  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/review/{id}/create-contact',
      summary: "Make the waiting message's sender a contact and file the message under it",
      body: reviewCreateContactInput,
      response: reviewOutcome,
      status: 201,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const id = idParam(request);
      const input = parse(reviewCreateContactInput, request.body);
      return reply.status(201).send(await createContactFromReview(platform, ctx, id, input));
    },
  );
  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/review/{id}/dismiss',
      summary: 'Take a message off the review list without filing it',
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      await dismissReviewItem(ctx, idParam(request));
      return reply.status(204).send();
    },
  );

  endpoint(
    app,
    platform,
    {
      method: 'get',
      path: '/mail/attachments/{id}',
      summary: "A captured message's attachment, always as a download of its sniffed type",
      produces: ['application/octet-stream'],
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const file = await attachmentDownload(platform, store, ctx, idParam(request));
      return sendDownload(reply, {
        fileName: file.filename,
        contentType: file.contentType,
        body: file.bytes,
      });
    },
  );

  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/send',
      summary:
        'Send an email from a record through the SMTP server, from a template with merge fields ({{contact.firstName}}, {{account.name}}); logged as an outbound email activity, in the thread of `inReplyTo`',
      body: sendEmailInput,
      response: sentEmail,
      status: 201,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      return reply.status(201).send(await sendEmail(platform, ctx, parse(sendEmailInput, request.body)));
    },
  );

  endpoint(
    app,
    platform,
    {
      method: 'get',
      path: '/mail/templates',
      summary: "The workspace's email templates",
      response: z.object({ data: z.array(emailTemplate) }),
    },
    async (request) => ({ data: await listTemplates(await ctxOf(request)) }),
  );
  endpoint(
    app,
    platform,
    {
      method: 'post',
      path: '/mail/templates',
      summary: 'Add an email template; an unknown merge field is a 400',
      body: emailTemplateInput,
      response: emailTemplate,
      status: 201,
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      return reply
        .status(201)
        .send(await createTemplate(platform, ctx, parse(emailTemplateInput, request.body)));
    },
  );
  endpoint(
    app,
    platform,
    {
      method: 'put',
      path: '/mail/templates/{id}',
      summary: 'Replace an email template',
      body: emailTemplateInput,
      response: emailTemplate,
    },
    async (request) => {
      const ctx = await ctxOf(request);
      const id = idParam(request);
      return updateTemplate(platform, ctx, id, parse(emailTemplateInput, request.body));
    },
  );
  endpoint(
    app,
    platform,
    { method: 'delete', path: '/mail/templates/{id}', summary: 'Remove an email template' },
    async (request, reply) => {
      await deleteTemplate(await ctxOf(request), idParam(request));
      return reply.status(204).send();
    },
  );
}
