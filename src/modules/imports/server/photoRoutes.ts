import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../../common/errors';
import { assertRecordId, getRecordJson } from '../../../server/engine';
import { sendDownload } from '../../../server/files/download';
import type { Platform } from '../../../server/platform';
import { contactPhoto } from '../contract';
import { photoFile, photosOf } from './photos';

/** The photos imports kept from vCards, seen by whoever may see their contact. */
export function photoRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    assertRecordId(id);
    return id;
  };
  const seeContact = async (request: FastifyRequest, contactId: string) => {
    const ctx = await platform.authenticate(request);
    const contacts = await registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role);
    await getRecordJson(ctx, contacts, contactId);
    return ctx;
  };

  openapi.add({
    method: 'get',
    path: '/contacts/{id}/photos',
    tag: 'Contacts',
    summary: "The contact's photos kept from vCard imports, newest first (at most 20)",
    response: z.object({ data: z.array(contactPhoto) }),
  });
  app.get('/api/v1/contacts/:id/photos', async (request) => {
    const contactId = idOf(request);
    const ctx = await seeContact(request, contactId);
    return { data: await ctx.db.read((x) => photosOf(x, ctx.workspace.id, contactId)) };
  });

  openapi.add({
    method: 'get',
    path: '/import-photos/{id}',
    tag: 'Contacts',
    summary: 'A photo kept from a vCard: the image, as a download',
    produces: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  });
  app.get('/api/v1/import-photos/:id', async (request, reply) => {
    const id = idOf(request);
    const ctx = await platform.authenticate(request);
    const photo = await ctx.db.read((x) => photoFile(x, ctx.workspace.id, id));
    if (!photo) throw new NotFound(`No photo with id ${id}`);
    await seeContact(request, photo.recordId).catch((error: unknown) => {
      throw error instanceof NotFound ? new NotFound(`No photo with id ${id}`) : error;
    });
    return sendDownload(reply, {
      fileName: photo.fileName,
      contentType: photo.contentType,
      body: platform.files.open(photo.storageKey),
    });
  });
}
