import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../env';
import type { FileStore } from './fileStore';
import { startS3Server } from './s3Testing';
import { signRequest } from './sigv4';
import { fileStoreFor } from './storeFromSettings';

type S3Server = Awaited<ReturnType<typeof startS3Server>>;
let s3: S3Server;
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-files-'));
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A stream that sends `chunks` and then fails, as an upload cut off half-way does. */
function failingStream(chunks: Buffer[]): Readable {
  return new Readable({
    read() {
      const next = chunks.shift();
      if (next) this.push(next);
      else this.destroy(new Error('connection reset'));
    },
  });
}

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

const missing = { code: 'ENOENT' };
const mib = 1024 * 1024;

describe.each([
  ['the data folder', () => fileStoreFor(readSettings({ RAPPORT_DATA_DIR: dataDir }))],
  ['an S3-compatible store', () => fileStoreFor(readSettings({ RAPPORT_DATA_DIR: dataDir, ...s3.env }))],
])('file store: %s', (_name, build) => {
  let store: FileStore;
  beforeAll(() => {
    store = build();
  });

  it('keeps bytes and gives them back whole or as a stream', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from('Offre signée')]);
    await store.put('activities/ws/one.bin', bytes);
    expect((await store.get('activities/ws/one.bin')).equals(bytes)).toBe(true);
    expect((await read(store.open('activities/ws/one.bin'))).equals(bytes)).toBe(true);
  });

  it('keeps a stream, a small one and one of several parts, and replaces what was under the key', async () => {
    await store.put(
      'mail/ws/small.eml',
      Readable.from([Buffer.from('Subject: hi\r\n'), Buffer.from('\r\nbody')]),
    );
    expect((await store.get('mail/ws/small.eml')).toString()).toBe('Subject: hi\r\n\r\nbody');

    const large = Buffer.alloc(9 * mib + 123);
    for (let i = 0; i < large.length; i += 4096) large[i] = (i / 4096) % 251;
    const pieces = Array.from({ length: Math.ceil(large.length / mib) }, (_, i) =>
      large.subarray(i * mib, (i + 1) * mib),
    );
    await store.put('mail/ws/small.eml', Readable.from(pieces));
    const back = await read(store.open('mail/ws/small.eml'));
    expect(back.length).toBe(large.length);
    expect(back.equals(large)).toBe(true);
  });

  it('leaves nothing under the key when the stream fails, early or after a part was sent', async () => {
    await expect(store.put('activities/ws/cut.bin', failingStream([Buffer.from('half')]))).rejects.toThrow(
      'connection reset',
    );
    await expect(store.get('activities/ws/cut.bin')).rejects.toMatchObject(missing);
    const parts = Array.from({ length: 9 }, () => Buffer.alloc(mib, 1));
    await expect(store.put('activities/ws/cut.bin', failingStream(parts))).rejects.toThrow(
      'connection reset',
    );
    await expect(store.get('activities/ws/cut.bin')).rejects.toMatchObject(missing);
  });

  it('says ENOENT for a missing key, on get and on open', async () => {
    await expect(store.get('activities/ws/never.bin')).rejects.toMatchObject(missing);
    await expect(read(store.open('activities/ws/never.bin'))).rejects.toMatchObject(missing);
  });

  it('removes a file, and removing it again is no error', async () => {
    await store.put('activities/ws/gone.bin', Buffer.from('bye'));
    await store.remove('activities/ws/gone.bin');
    await expect(store.get('activities/ws/gone.bin')).rejects.toMatchObject(missing);
    await expect(store.remove('activities/ws/gone.bin')).resolves.toBeUndefined();
  });

  it('refuses what is not a storage key', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'spa ce', ''])
      await expect(async () => store.put(key, Buffer.from('x'))).rejects.toThrow('Not a storage key');
    expect(() => store.open('a/../b')).toThrow('Not a storage key');
  });
});

describe('S3 settings', () => {
  it('need a bucket and keys when the S3 store is chosen', () => {
    expect(() => readSettings({ RAPPORT_FILE_STORE: 's3', RAPPORT_S3_ACCESS_KEY_ID: 'id' })).toThrow(
      /RAPPORT_S3_BUCKET: is required when RAPPORT_FILE_STORE=s3\n\s+RAPPORT_S3_SECRET_ACCESS_KEY: is required/,
    );
  });

  it('sign requests as AWS documents it (Signature Version 4, its GET Object example)', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
