import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertRecordId } from '../../../server/engine';
import { sendDownload } from '../../../server/files/download';
import type { Platform } from '../../../server/platform';
import { attachment, attachmentList } from '../contract';
import { attachFile, attachmentDownload, deleteAttachment, listAttachments } from './attachments';

const idOf = (request: FastifyRequest) => {
  const value = (request.params as { id: string }).id;
  assertRecordId(value);
  return value;
};

export function attachmentRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi } = platform;

  void app.register(async (uploads) => {
    await uploads.register(multipart);
    openapi.add({
      method: 'post',
      path: '/activities/{id}/attachments',
      tag: 'Activities',
      summary:
        'Attach a file to an activity (multipart/form-data: `file`); its type is sniffed from its bytes; above RAPPORT_ATTACHMENT_MAX_BYTES (25 MB) a 413 and nothing is kept',
      form: { file: { description: 'the file, of any type', file: true } },
      response: attachment,
      status: 201,
    });
    uploads.post('/api/v1/activities/:id/attachments', async (request, reply) => {
      const ctx = await platform.authenticate(request);
      return reply.status(201).send(await attachFile(platform, ctx, idOf(request), request));
    });
  });

  openapi.add({
    method: 'get',
    path: '/activities/{id}/attachments',
    tag: 'Activities',
    summary: "An activity's files: uploaded to it, and captured with its email (at most 500)",
    response: attachmentList,
  });
  app.get('/api/v1/activities/:id/attachments', async (request) => {
    const ctx = await platform.authenticate(request);
    return listAttachments(platform, ctx, idOf(request));
  });

  openapi.add({
    method: 'get',
    path: '/attachments/{id}',
    tag: 'Activities',
    summary:
      'Download an attached file: always as an attachment, of its sniffed type (HTML, SVG and scripts as application/octet-stream)',
    produces: ['application/octet-stream'],
  });
  app.get('/api/v1/attachments/:id', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    return sendDownload(reply, await attachmentDownload(platform, ctx, idOf(request)));
  });

  openapi.add({
    method: 'delete',
    path: '/attachments/{id}',
    tag: 'Activities',
    summary: 'Remove an attached file (its uploader or an admin); it is deleted from storage',
    status: 204,
  });
  app.delete('/api/v1/attachments/:id', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    await deleteAttachment(platform, ctx, idOf(request));
    return reply.status(204).send();
  });
}
