import type { FastifyInstance } from 'fastify';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { addressBookSettings, addressBookSettingsInput } from '../contract';
import { davRoutes } from './davRoutes';
import { readSettings, saveSettings } from './settings';

export function addressBookRoutes(app: FastifyInstance, platform: Platform) {
  const publicUrl = platform.settings.RAPPORT_PUBLIC_URL;
  platform.openapi.add({
    method: 'get',
    path: '/addressbook/settings',
    tag: 'Address books',
    summary: "The CardDAV server's address for phones, and whether phones may change contacts",
    response: addressBookSettings,
  });
  app.get('/api/v1/addressbook/settings', async (request) =>
    readSettings(await platform.authenticate(request), request, publicUrl),
  );
  platform.openapi.add({
    method: 'patch',
    path: '/addressbook/settings',
    tag: 'Address books',
    summary: 'Allow or stop changes from phones (two-way sync) over CardDAV (admin)',
    body: addressBookSettingsInput,
    response: addressBookSettings,
  });
  app.patch('/api/v1/addressbook/settings', async (request) => {
    const ctx = await platform.authenticate(request);
    await saveSettings(ctx, parse(addressBookSettingsInput, request.body));
    return readSettings(ctx, request, publicUrl);
  });
  davRoutes(app, platform);
}
