import { Readable } from 'node:stream';
import { fileMissing, storageKey, type FileStore } from './fileStore';
import { encodedPath, sha256Hex, signRequest, type S3Credentials } from './sigv4';

/** Where an S3-compatible bucket is and how to reach it. */
export interface S3Location {
  /** `https://s3.eu-west-3.amazonaws.com`, `http://127.0.0.1:9000`... */
  endpoint: string;
  region: string;
  bucket: string;
  /** `/bucket/key` on the endpoint rather than `bucket.endpoint/key` (MinIO, Garage and most self-hosted stores) */
  pathStyle: boolean;
  credentials: S3Credentials;
}

/**
 * A stream is sent in parts of this size (S3 wants at least 5 MiB for all but the last); one part in
 * memory at a time, whatever the file's size.
 */
const partSize = 8 * 1024 * 1024;

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/**
 * Files in a bucket of an S3-compatible store, through its REST API signed with Signature Version 4.
 * A PUT lands whole or not at all. A stream of unknown length goes as a multipart upload, which
 * becomes visible only when completed: a stream that fails aborts it and leaves nothing under the key.
 */
export class S3Store implements FileStore {
  constructor(private readonly location: S3Location) {}

  private url(key: string, query = ''): URL {
    const { endpoint, bucket, pathStyle } = this.location;
    const base = new URL(endpoint);
    const path = encodedPath(storageKey(key));
    return pathStyle
      ? new URL(`${base.origin}/${bucket}/${path}${query}`)
      : new URL(`${base.protocol}//${bucket}.${base.host}/${path}${query}`);
  }

  /** Sends one signed request; an answer other than 2xx is an error naming the store's code, never the keys. */
  private async send(method: string, url: URL, body: Buffer = Buffer.alloc(0)): Promise<Response> {
    const headers = signRequest({
      method,
      url,
      headers: {},
      payloadHash: sha256Hex(body),
      region: this.location.region,
      credentials: this.location.credentials,
      now: new Date(),
    });
    delete headers.host;
    const response = await fetch(url, {
      method,
      headers,
      // A view of the same bytes, not a copy (Node's buffers are never shared memory).
      body:
        method === 'GET' || method === 'DELETE'
          ? undefined
          : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength),
    });
    if (response.ok) return response;
    const text = await response.text();
    if (response.status === 404 && tag(text, 'Code') !== 'NoSuchBucket') throw fileMissing(url.pathname);
    throw new Error(
      `The file store answered ${response.status} ${tag(text, 'Code') ?? ''} for ${method} ${url.pathname}: ${tag(text, 'Message') ?? text.slice(0, 200)}`,
    );
  }

  async put(key: string, content: Buffer | Readable): Promise<void> {
    const url = this.url(key);
    if (Buffer.isBuffer(content)) await this.send('PUT', url, content);
    else await this.putStream(key, content);
  }

  private async putStream(key: string, stream: Readable): Promise<void> {
    let pending: Buffer[] = [];
    let size = 0;
    let uploadId: string | null = null;
    const etags: string[] = [];
    try {
      for await (const chunk of stream as AsyncIterable<Buffer | string>) {
        pending.push(Buffer.from(chunk));
        size += pending[pending.length - 1].length;
        if (size < partSize) continue;
        uploadId ??= await this.startUpload(key);
        etags.push(await this.sendPart(key, uploadId, etags.length + 1, Buffer.concat(pending)));
        pending = [];
        size = 0;
      }
      if (!uploadId) {
        await this.send('PUT', this.url(key), Buffer.concat(pending));
        return;
      }
      if (size > 0) etags.push(await this.sendPart(key, uploadId, etags.length + 1, Buffer.concat(pending)));
      await this.completeUpload(key, uploadId, etags);
    } catch (error) {
      // The parts of an unfinished upload are never visible under the key; an abort that fails leaves
      // them to the bucket's rule for incomplete uploads, and the caller hears of the first failure.
      if (uploadId) await this.send('DELETE', this.url(key, `?uploadId=${uploadId}`)).catch(() => undefined);
      throw error;
    }
  }

  private async startUpload(key: string): Promise<string> {
    const answer = await (await this.send('POST', this.url(key, '?uploads'))).text();
    const id = tag(answer, 'UploadId');
    if (!id) throw new Error(`The file store started no upload for ${key}`);
    return id;
  }

  private async sendPart(key: string, uploadId: string, number: number, bytes: Buffer): Promise<string> {
    const url = this.url(key, `?partNumber=${number}&uploadId=${encodeURIComponent(uploadId)}`);
    const etag = (await this.send('PUT', url, bytes)).headers.get('etag');
    if (!etag) throw new Error(`The file store gave no ETag for part ${number} of ${key}`);
    return etag;
  }

  private async completeUpload(key: string, uploadId: string, etags: string[]): Promise<void> {
    const parts = etags.map(
      (etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`,
    );
    const body = Buffer.from(`<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`);
    const url = this.url(key, `?uploadId=${encodeURIComponent(uploadId)}`);
    // S3 may answer 200 and still report a failure in the body.
    const answer = await (await this.send('POST', url, body)).text();
    if (answer.includes('<Error>'))
      throw new Error(
        `The file store could not complete ${key}: ${tag(answer, 'Message') ?? tag(answer, 'Code')}`,
      );
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.from(await (await this.send('GET', this.url(key))).arrayBuffer());
  }

  open(key: string): Readable {
    const url = this.url(key);
    const send = () => this.send('GET', url);
    return Readable.from(
      (async function* () {
        const response = await send();
        if (!response.body) return;
        for await (const chunk of response.body)
          yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      })(),
      { objectMode: false },
    );
  }

  async remove(key: string): Promise<void> {
    await this.send('DELETE', this.url(key));
  }
}
