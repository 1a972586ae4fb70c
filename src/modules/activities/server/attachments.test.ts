import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Attachment, TimelinePage } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string };
let rep: { cookie: string; userId: string };
let otherRep: { cookie: string; userId: string };
let accountId: string;

const limit = 64 * 1024;
const boundary = 'rapport-test-boundary';

/** A browser's form with one `file`, and the bytes as sent. */
function form(fileName: string, bytes: Buffer, declaredType = 'application/pdf') {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${declaredType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

const upload = (activityId: string, fileName: string, bytes: Buffer, as = admin.cookie) =>
  app.fastify.inject({
    method: 'POST',
    url: `/api/v1/activities/${activityId}/attachments`,
    headers: {
      origin: 'http://localhost:80',
      cookie: `rapport_session=${as}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: form(fileName, bytes),
  });

const download = (url: string, as = admin.cookie) =>
  app.fastify.inject({ method: 'GET', url, headers: { cookie: `rapport_session=${as}` } });

const logCall = async (as = admin.cookie) =>
  (
    await app.call('POST', '/api/v1/activities', {
      as,
      body: { type: 'call', subject: 'Files', links: [{ object: 'accounts', id: accountId }] },
    })
  ).json<{ id: string }>().id;

const storedFiles = async () => {
  const root = join(app.platform.settings.RAPPORT_DATA_DIR, 'files', 'activities');
  if (!existsSync(root)) return [];
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
};

const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0, 1, 2, 250, 255]),
  Buffer.alloc(3000, 7),
]);

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_ATTACHMENT_MAX_BYTES: String(limit) } });
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  otherRep = await app.addUser(admin.cookie, 'rep');
  accountId = (
    await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Acme' } })
  ).json<{ id: string }>().id;
});
afterAll(() => app?.close());

describe('activity attachments', () => {
  it('keeps an uploaded file byte for byte, lists it, shows it on the timeline and downloads it', async () => {
    const activityId = await logCall();
    const created = await upload(activityId, 'Offre signée.pdf', pdf);
    expect(created.statusCode).toBe(201);
    const file = created.json<Attachment>();
    expect(file).toMatchObject({
      activityId,
      fileName: 'Offre signée.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      source: 'upload',
      createdBy: admin.userId,
      url: `/api/v1/attachments/${file.id}`,
    });

    const list = await app.call('GET', `/api/v1/activities/${activityId}/attachments`, { as: admin.cookie });
    expect(list.json<{ data: Attachment[] }>().data).toEqual([file]);

    const timeline = await app.call('GET', `/api/v1/accounts/${accountId}/timeline`, { as: admin.cookie });
    const entry = timeline.json<TimelinePage>().data.find((e) => e.id === activityId);
    expect(entry?.attachments).toEqual([
      { id: file.id, fileName: 'Offre signée.pdf', size: pdf.length, url: file.url },
    ]);

    const got = await download(file.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Offre sign_e.pdf"; filename*=UTF-8''${encodeURIComponent('Offre signée.pdf')}`,
    );
  });

  it('sniffs the bytes: HTML named .pdf is kept as text/html and served as plain bytes to download', async () => {
    const activityId = await logCall();
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');
    const file = (await upload(activityId, '../../invoice.pdf', html)).json<Attachment>();
    expect(file).toMatchObject({ fileName: 'invoice.pdf', contentType: 'text/html' });
    const got = await download(file.url);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-disposition']).toMatch(/^attachment; /);
    expect(got.rawPayload.equals(html)).toBe(true);

    const svg = (await upload(activityId, 'logo.png', Buffer.from('<svg onload="x()"/>'))).json<Attachment>();
    expect(svg.contentType).toBe('image/svg+xml');
    expect((await download(svg.url)).headers['content-type']).toBe('application/octet-stream');

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await upload(activityId, 'photo.txt', png)).json<Attachment>().contentType).toBe('image/png');
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('word/document.xml'),
    ]);
    expect((await upload(activityId, 'cv', docx)).json<Attachment>().contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const text = (
      await upload(activityId, 'notes.bin', Buffer.from('Call back on Monday\n'))
    ).json<Attachment>();
    expect(text.contentType).toBe('text/plain');
  });

  it('answers 413 above the size limit and keeps nothing', async () => {
    const activityId = await logCall();
    const before = (await storedFiles()).length;
    const tooBig = await upload(activityId, 'big.pdf', Buffer.alloc(limit + 1, 1));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooBig.json<{ detail: string }>().detail).toBe(
      'The file is larger than 0.1 MB, the most an attachment may be',
    );
    expect((await storedFiles()).length).toBe(before);
    const list = await app.call('GET', `/api/v1/activities/${activityId}/attachments`, { as: admin.cookie });
    expect(list.json<{ data: Attachment[] }>().data).toEqual([]);
    expect((await upload(activityId, 'exact.bin', Buffer.alloc(limit, 1))).statusCode).toBe(201);
  });

  it('follows the activity: 404 to whoever cannot see it, never across workspaces', async () => {
    const activityId = await logCall(rep.cookie);
    const file = (await upload(activityId, 'mine.pdf', pdf, rep.cookie)).json<Attachment>();
    await app.call('PATCH', '/api/v1/metadata/objects/activities', {
      as: admin.cookie,
      body: { visibility: 'owner' },
    });
    const stranger = await app.signup('Elsewhere');
    for (const as of [otherRep.cookie, stranger.cookie]) {
      expect((await download(file.url, as)).statusCode).toBe(404);
      expect((await app.call('GET', `/api/v1/activities/${activityId}/attachments`, { as })).status).toBe(
        404,
      );
      expect((await upload(activityId, 'sneak.pdf', pdf, as)).statusCode).toBe(404);
      expect((await app.call('DELETE', file.url, { as })).status).toBe(404);
    }
    expect((await download(file.url)).statusCode).toBe(200);
    const viewer = await app.addUser(admin.cookie, 'viewer');
    expect((await upload(activityId, 'v.pdf', pdf, viewer.cookie)).statusCode).toBe(403);
  });

  it('removes a file from its activity and from storage: its uploader or an admin only', async () => {
    const activityId = await logCall(rep.cookie);
    const first = (await upload(activityId, 'a.pdf', pdf, rep.cookie)).json<Attachment>();
    const second = (await upload(activityId, 'b.pdf', pdf)).json<Attachment>();
    expect((await app.call('DELETE', second.url, { as: rep.cookie })).status).toBe(403);
    const before = (await storedFiles()).length;
    expect((await app.call('DELETE', first.url, { as: rep.cookie })).status).toBe(204);
    expect((await app.call('DELETE', second.url, { as: admin.cookie })).status).toBe(204);
    expect((await storedFiles()).length).toBe(before - 2);
    expect((await download(first.url)).statusCode).toBe(404);
    const list = await app.call('GET', `/api/v1/activities/${activityId}/attachments`, { as: admin.cookie });
    expect(list.json<{ data: Attachment[] }>().data).toEqual([]);
  });

  it('refuses a request without a file', async () => {
    const activityId = await logCall();
    const empty = await app.call('POST', `/api/v1/activities/${activityId}/attachments`, {
      as: admin.cookie,
      body: {},
    });
    expect(empty.status).toBe(400);
  });
});
