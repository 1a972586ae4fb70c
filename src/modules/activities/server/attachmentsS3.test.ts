import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startS3Server } from '../../../server/files/s3Testing';
import { fileStoreFor } from '../../../server/files/storeFromSettings';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Attachment } from '../contract';

let s3: Awaited<ReturnType<typeof startS3Server>>;
let app: TestApp;
let admin: { cookie: string; workspaceId: string };

beforeAll(async () => {
  s3 = await startS3Server();
  app = await createTestApp({ env: s3.env });
  admin = await app.signup();
});
afterAll(async () => {
  await app?.close();
  await s3?.close();
});

const boundary = 'rapport-s3-boundary';
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0, 1, 2, 250, 255]),
  Buffer.alloc(70_000, 9),
]);

it('keeps an activity attachment in the S3 store and downloads it from there', async () => {
  const accountId = (
    await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Acme' } })
  ).json<{ id: string }>().id;
  const activityId = (
    await app.call('POST', '/api/v1/activities', {
      as: admin.cookie,
      body: { type: 'call', subject: 'Contract', links: [{ object: 'accounts', id: accountId }] },
    })
  ).json<{ id: string }>().id;
  const created = await app.fastify.inject({
    method: 'POST',
    url: `/api/v1/activities/${activityId}/attachments`,
    headers: {
      origin: 'http://localhost:80',
      cookie: `rapport_session=${admin.cookie}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(created.statusCode).toBe(201);
  const file = created.json<Attachment>();
  expect(file).toMatchObject({ fileName: 'contract.pdf', contentType: 'application/pdf', size: pdf.length });

  const key = `activities/${admin.workspaceId}/${file.id}`;
  expect((await fileStoreFor(app.platform.settings).get(key)).equals(pdf)).toBe(true);
  expect(existsSync(join(app.platform.settings.RAPPORT_DATA_DIR, 'files'))).toBe(false);

  const got = await app.fastify.inject({
    method: 'GET',
    url: file.url!,
    headers: { cookie: `rapport_session=${admin.cookie}` },
  });
  expect(got.statusCode).toBe(200);
  expect(got.headers['content-type']).toBe('application/pdf');
  expect(got.rawPayload.equals(pdf)).toBe(true);

  const removed = await app.call('DELETE', file.url!, { as: admin.cookie });
  expect(removed.status).toBe(204);
  await expect(fileStoreFor(app.platform.settings).get(key)).rejects.toMatchObject({ code: 'ENOENT' });
});
