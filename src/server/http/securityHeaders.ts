import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** What an empty answer carries without helmet; everything else on it is helmet's. */
const ordinary = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers @fastify/helmet sets, computed once: the plugin rebuilds helmet's middleware (and parses
 * the Content-Security-Policy) on every request, for headers that never change here. They are taken
 * from one answer of a throwaway server with the same options, and set on every answer by one hook.
 */
export async function addSecurityHeaders(
  fastify: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const answer = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers = Object.fromEntries(
    Object.entries(answer.headers)
      .filter(([name]) => !ordinary.has(name))
      .map(([name, value]) => [name, String(value)]),
  );
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
