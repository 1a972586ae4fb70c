import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  customFieldInput,
  customFieldPatch,
  customObjectInput,
  objectMeta as objectMetaSchema,
  objectSettingsInput,
} from '../../common/metadata';
import type { Platform } from '../platform';
import { parse } from '../http/validate';
import { addCustomField, addCustomObject, changeField, setObjectSettings } from './metadata';
import { objectMeta } from './resolved';

export function metadataRoutes(app: FastifyInstance, platform: Platform) {
  const { registry, openapi } = platform;
  const params = (p: unknown) => p as { object: string; name: string };

  const describe = async (request: Parameters<Platform['authenticate']>[0]) => {
    const ctx = await platform.authenticate(request);
    return { ctx, objects: await registry.objects(ctx.db, ctx.workspace, ctx.role) };
  };
  /** After a metadata change: every process drops its cached principals (and so reads the new version). */
  const changed = (ctx: { workspace: { id: string } }) => platform.changes.announce(ctx.workspace.id);

  openapi.add({
    method: 'get',
    path: '/metadata/objects',
    tag: 'Metadata',
    summary: 'Every object with its fields',
    response: z.object({ data: z.array(objectMetaSchema) }),
  });
  app.get('/api/v1/metadata/objects', async (request) => {
    const { objects } = await describe(request);
    return { data: [...objects.values()].map(objectMeta) };
  });

  openapi.add({
    method: 'post',
    path: '/metadata/objects',
    tag: 'Metadata',
    summary: 'Define a custom object (admin)',
    body: customObjectInput,
    response: objectMetaSchema,
    status: 201,
  });
  app.post('/api/v1/metadata/objects', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const input = parse(customObjectInput, request.body);
    await addCustomObject(ctx, registry, input);
    await changed(ctx);
    const { objects } = await describe(request);
    return reply.status(201).send(objectMeta(objects.get(input.name)!));
  });

  openapi.add({
    method: 'patch',
    path: '/metadata/objects/{object}',
    tag: 'Metadata',
    summary: 'Who sees records of an object (admin)',
    body: objectSettingsInput,
    response: objectMetaSchema,
  });
  app.patch('/api/v1/metadata/objects/:object', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object } = params(request.params);
    await setObjectSettings(ctx, registry, object, parse(objectSettingsInput, request.body));
    await changed(ctx);
    const { objects } = await describe(request);
    return objectMeta(objects.get(object)!);
  });

  openapi.add({
    method: 'post',
    path: '/metadata/objects/{object}/fields',
    tag: 'Metadata',
    summary: 'Add a custom field at once (admin)',
    body: customFieldInput,
    response: objectMetaSchema,
    status: 201,
  });
  app.post('/api/v1/metadata/objects/:object/fields', async (request, reply) => {
    const ctx = await platform.authenticate(request);
    const { object } = params(request.params);
    await addCustomField(ctx, registry, object, parse(customFieldInput, request.body));
    await changed(ctx);
    const { objects } = await describe(request);
    return reply.status(201).send(objectMeta(objects.get(object)!));
  });

  openapi.add({
    method: 'patch',
    path: '/metadata/objects/{object}/fields/{name}',
    tag: 'Metadata',
    summary:
      "Change a field (admin): a custom field's label, options, help or retirement; any field's access per role; a built-in select's options",
    body: customFieldPatch,
    response: objectMetaSchema,
  });
  app.patch('/api/v1/metadata/objects/:object/fields/:name', async (request) => {
    const ctx = await platform.authenticate(request);
    const { object, name } = params(request.params);
    await changeField(ctx, registry, object, name, parse(customFieldPatch, request.body));
    await changed(ctx);
    const { objects } = await describe(request);
    return objectMeta(objects.get(object)!);
  });
}
