import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRoot } from '../packageRoot';
import { notFoundHandler } from './errors';

export const webRoot = join(packageRoot, 'dist/web');
/** Vite names every file under assets/ by its content hash: a new build is a new name. */
const hashedAsset = 'public, max-age=31536000, immutable';

/**
 * Compresses JSON answers and CSV exports on the fly (gzip: a 50-row page of about 24 KB shrinks
 * five-fold for a fraction of a millisecond), only above one TCP segment, where it saves a round trip.
 * The web app's files are compressed once at build (brotli and gzip, see vite.config.ts) and sent as
 * they are (a file with no smaller compressed copy goes as it is), so register this after `serveWebApp`
 * and before the API's routes: the plugin attaches itself to each route declared after it.
 */
export async function compressAnswers(fastify: FastifyInstance): Promise<void> {
  await fastify.register(compress, {
    encodings: ['gzip'],
    threshold: 1400,
    customTypes: /^application\/(?:[\w.-]+\+)?json|^text\/csv/,
    // Request bodies are never inflated: the body limit counts what arrives.
    globalDecompression: false,
  });
}

/**
 * Serves the built web app in `root`: its hashed assets cached for a year, index.html revalidated on
 * every visit, each as its precompressed `.br` or `.gz` when the browser takes it; the app's own routes
 * (/, /o/accounts, …) answer index.html. Answers whether a build exists (then it also handles 404s).
 */
export async function serveWebApp(fastify: FastifyInstance, root = webRoot): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const assetsDir = join(root, 'assets') + sep;
  await fastify.register(fastifyStatic, {
    root,
    wildcard: true,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) =>
      reply.header('cache-control', path.startsWith(assetsDir) ? hashedAsset : 'no-cache'),
  });
  const sendIndex = (reply: FastifyReply) => reply.sendFile('index.html');
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/api/') || request.method !== 'GET'
      ? notFoundHandler(request, reply)
      : sendIndex(reply),
  );
  return true;
}
