import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ContactPhoto } from '../contract';
import { importAndWait } from './importing';
import { photoOf } from './photos';

let app: TestApp;
let admin: string;
let workspaceId: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  await app.platform.jobs.start();
  ({ cookie: admin, workspaceId } = await app.signup());
});
afterAll(() => app.close());

type Row = Record<string, unknown> & { id: string };
const contactByEmail = async (email: string) =>
  (await app.call('GET', `/api/v1/contacts?filter[email][eq]=${email}`, { as: admin })).json<{
    data: Row[];
  }>().data[0];
const photosOf = async (id: string) =>
  (await app.call('GET', `/api/v1/contacts/${id}/photos`, { as: admin })).json<{ data: ContactPhoto[] }>()
    .data;

// A JPEG's first bytes (SOI, APP0 JFIF) and some body; a real 1×1 PNG.
const jpeg = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(2000, 7),
  Buffer.from('ffd9', 'hex'),
]);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** base64 folded as phones write it: 74 characters a line, each continuation starting with a space. */
const folded = (head: string, base64: string) =>
  [head + base64.slice(0, 60), ...(base64.slice(60).match(/.{1,74}/g) ?? []).map((l) => ` ${l}`)].join(
    '\r\n',
  );

const card = (version: string, name: string, email: string, photo: string) =>
  ['BEGIN:VCARD', `VERSION:${version}`, `N:${name};Pat;;;`, `EMAIL:${email}`, photo, 'END:VCARD'].join(
    '\r\n',
  );

/** A 3.0 card with the JPEG inline, folded. */
const jpegCard = (name: string, email: string) =>
  card('3.0', name, email, folded('PHOTO;ENCODING=b;TYPE=JPEG:', jpeg.toString('base64')));

describe('vCard photos', () => {
  it('reads what may be kept and why the rest is dropped', () => {
    expect(photoOf(jpeg.toString('base64'), true)).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
    expect(photoOf(`data:image/png;base64,${png.toString('base64')}`, false)).toEqual({
      bytes: png,
      contentType: 'image/png',
    });
    expect(photoOf('https://photos.example/p.jpg', false)).toEqual({
      dropped: 'the photo was dropped: it is a link, which an import never fetches',
    });
    expect(photoOf(Buffer.from('<svg onload="alert(1)"/>').toString('base64'), true)).toEqual({
      dropped: 'the photo was dropped: it is not a JPEG, PNG, GIF or WebP image',
    });
    expect(photoOf('data:image/jpeg,notbase64', false)).toEqual({
      dropped: 'the photo was dropped: it is not base64 data',
    });
  });

  it('keeps 3.0 and 4.0 photos with their contacts, drops broken, oversize and linked ones, and undo removes them', async () => {
    const oversize = Buffer.concat([jpeg.subarray(0, 20), Buffer.alloc(5 * 1024 * 1024 + 10, 1)]);
    const file = [
      jpegCard('Three', 'three@photos.example'),
      card(
        '4.0',
        'Four',
        'four@photos.example',
        folded('PHOTO:data:image/png;base64,', png.toString('base64')),
      ),
      card('3.0', 'Broken', 'broken@photos.example', 'PHOTO;ENCODING=b;TYPE=JPEG:@@not*base64@@'),
      card('3.0', 'Huge', 'huge@photos.example', `PHOTO;ENCODING=b;TYPE=JPEG:${oversize.toString('base64')}`),
      card(
        '4.0',
        'Linked',
        'linked@photos.example',
        'PHOTO;MEDIATYPE=image/jpeg:https://photos.example/p.jpg',
      ),
    ].join('\r\n');
    const dry = await importAndWait(app, admin, { file, name: 'phone.vcf', dryRun: true });
    expect(dry.counts.created).toBe(5);
    const state = await importAndWait(app, admin, { file, name: 'phone.vcf' });
    expect(state.counts).toEqual({ created: 5, updated: 0, skipped: 0, rejected: 0 });
    const three = await contactByEmail('three@photos.example');
    const four = await contactByEmail('four@photos.example');
    const log = (await app.call('GET', `/api/v1/imports/${state.id}/log`, { as: admin })).body
      .trim()
      .split('\n');
    const ids = await Promise.all(
      ['broken', 'huge', 'linked'].map(async (n) => (await contactByEmail(`${n}@photos.example`)).id),
    );
    expect(log.slice(1)).toEqual([
      `1,created,${three.id},,"photo kept (image/jpeg, 2 KB)",,`,
      `2,created,${four.id},,"photo kept (image/png, 1 KB)",,`,
      `3,created,${ids[0]},,the photo was dropped: its data is not valid base64,,`,
      `4,created,${ids[1]},,the photo was dropped: it is larger than 5 MB,,`,
      `5,created,${ids[2]},,"the photo was dropped: it is a link, which an import never fetches",,`,
    ]);
    const [threePhoto] = await photosOf(three.id);
    expect(threePhoto).toMatchObject({
      fileName: 'Pat Three.jpg',
      contentType: 'image/jpeg',
      size: jpeg.length,
      importId: state.id,
    });
    const download = await app.fastify.inject({
      url: threePhoto.url,
      headers: { cookie: `rapport_session=${admin}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.rawPayload.equals(jpeg)).toBe(true);
    const stored = `import-photos/${workspaceId}/${threePhoto.id}`;
    expect((await app.platform.files.get(stored)).equals(jpeg)).toBe(true);
    const [fourPhoto] = await photosOf(four.id);
    expect([fourPhoto.contentType, fourPhoto.size]).toEqual(['image/png', png.length]);
    for (const id of ids) expect(await photosOf(id)).toEqual([]);

    expect((await app.call('POST', `/api/v1/imports/${state.id}/undo`, { as: admin })).status).toBe(200);
    expect((await app.call('GET', threePhoto.url, { as: admin })).status).toBe(404);
    await expect(app.platform.files.get(stored)).rejects.toThrow(/ENOENT|No file/);
    // The contact is in the recycle bin; restored, it has no photo of the undone import.
    expect(
      (await app.call('POST', '/api/v1/contacts/bulk', { as: admin, body: { restore: [three.id] } })).status,
    ).toBe(200);
    expect(await photosOf(three.id)).toEqual([]);
  });

  it("moves with its contact in a merge and back with the undo, and goes with the contact's erasure", async () => {
    const file = [jpegCard('Kept', 'kept@photos.example'), jpegCard('Twin', 'twin@photos.example')].join(
      '\r\n',
    );
    await importAndWait(app, admin, { file, name: 'twins.vcf' });
    const kept = await contactByEmail('kept@photos.example');
    const twin = await contactByEmail('twin@photos.example');
    const [twinPhoto] = await photosOf(twin.id);
    const merged = await app.call('POST', '/api/v1/contacts/merge', {
      as: admin,
      body: { survivorId: kept.id, mergedIds: [twin.id], values: {} },
    });
    expect(merged.status).toBe(200);
    expect((await photosOf(kept.id)).map((p) => p.id)).toContain(twinPhoto.id);
    const { mergeId } = merged.json<{ mergeId: string }>();
    expect((await app.call('POST', `/api/v1/merges/${mergeId}/undo`, { as: admin })).status).toBe(200);
    expect((await photosOf(twin.id)).map((p) => p.id)).toEqual([twinPhoto.id]);
    expect((await photosOf(kept.id)).map((p) => p.id)).not.toContain(twinPhoto.id);

    const erased = await app.call('POST', `/api/v1/contacts/${twin.id}/erase`, {
      as: admin,
      body: { confirm: twin.id },
    });
    expect(erased.status).toBe(200);
    expect(await photosOf(twin.id)).toEqual([]);
    await expect(app.platform.files.get(`import-photos/${workspaceId}/${twinPhoto.id}`)).rejects.toThrow(
      /ENOENT|No file/,
    );
  });
});
