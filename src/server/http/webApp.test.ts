import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing';
import { compressAnswers, serveWebApp } from './webApp';

/** A build as Vite leaves it: index.html and a hashed script, each with its `.br` and `.gz`. */
const index = `<!doctype html><html><body><div id="root"></div>${' '.repeat(2000)}</body></html>`;
const script = `export const rows = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `row ${i}`))};`;
const bigAnswer = { data: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `Account ${i}` })) };

let app: FastifyInstance;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'rapport-web-'));
  mkdirSync(join(root, 'assets'));
  for (const [file, content] of [
    ['index.html', index],
    ['assets/index-C0ffee12.js', script],
  ]) {
    writeFileSync(join(root, file), content);
    writeFileSync(join(root, `${file}.br`), brotliCompressSync(content));
    writeFileSync(join(root, `${file}.gz`), gzipSync(content));
  }
  writeFileSync(join(root, 'assets/small-D00d.css'), 'body{margin:0}');
  app = Fastify();
  expect(await serveWebApp(app, root)).toBe(true);
  await compressAnswers(app);
  app.get('/api/v1/big', async () => bigAnswer);
  app.get('/api/v1/small', async () => ({ status: 'ok' }));
  await app.ready();
});
afterAll(() => app.close());

const get = (url: string, encoding?: string) =>
  app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the web app over the wire', () => {
  it('sends the precompressed brotli file to a browser that takes it, cached for a year', async () => {
    const response = await get('/assets/index-C0ffee12.js', 'gzip, deflate, br, zstd');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.rawPayload).toEqual(brotliCompressSync(script));
  });

  it('sends gzip to a client without brotli, and the file itself to one that takes neither', async () => {
    const gzipped = await get('/assets/index-C0ffee12.js', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/index-C0ffee12.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('sends a file too small to be precompressed as it is', async () => {
    const response = await get('/assets/small-D00d.css', 'br, gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe('body{margin:0}');
  });

  it('has index.html revalidated on every visit, compressed, at / and at any route of the app', async () => {
    for (const url of [
      '/',
      '/o/accounts',
      '/o/contacts/0190a1b2-0000-7000-8000-000000000001',
      '/index.html',
    ]) {
      const response = await get(url, 'br');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
    }
  });

  it('answers 404 problem+json for unknown API paths and non-GET requests', async () => {
    const api = await get('/api/v1/nothing-here', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    const post = await app.inject({ method: 'POST', url: '/o/accounts' });
    expect(post.statusCode).toBe(404);
  });

  it('gzips JSON answers above one TCP segment when asked, and nothing below or unasked', async () => {
    const big = await get('/api/v1/big', 'gzip, deflate, br');
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(big.rawPayload).toString())).toEqual(bigAnswer);
    expect(big.rawPayload.length).toBeLessThan(JSON.stringify(bigAnswer).length / 3);
    expect((await get('/api/v1/big')).headers['content-encoding']).toBeUndefined();
    expect((await get('/api/v1/small', 'gzip')).headers['content-encoding']).toBeUndefined();
  });
});

describe('the API over the wire', () => {
  it('gzips a large answer for a client that takes it, with the same JSON', async () => {
    const api = await createTestApp();
    try {
      const admin = await api.signup();
      const asked = (encoding?: string) =>
        api.fastify.inject({
          method: 'GET',
          url: '/api/v1/metadata/objects',
          headers: {
            cookie: `rapport_session=${admin.cookie}`,
            ...(encoding ? { 'accept-encoding': encoding } : {}),
          },
        });
      const plain = await asked();
      const gzipped = await asked('gzip, deflate, br, zstd');
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
    } finally {
      await api.close();
    }
  });
});
