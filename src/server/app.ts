import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { ValidationFailed } from '../common/errors';
import { authenticate, PrincipalCache } from '../modules/auth/server';
import { WorkspaceChanges } from './db/changes';
import type { Database } from './db/database';
import { metadataRoutes } from './engine/metadataRoutes';
import { recordPaths } from './engine/openapiRecords';
import { recordRoutes } from './engine/routes';
import { searchRoutes } from './engine/search';
import type { Settings } from './env';
import { RecordEvents } from './events/dispatcher';
import { JobQueue, type QueueTuning } from './jobs/queue';
import { jobRoutes } from './jobs/routes';
import { errorHandler, notFoundHandler } from './http/errors';
import { OpenApiRegistry } from './http/openapi';
import { registryOf, serverModules } from './modules';
import type { Platform, ServerModule } from './platform';
import { SecretBox } from './secrets';
import { UsageRecorder } from './usage';

export const webRoot = join(import.meta.dirname, '../../dist/web');

export interface AppOptions {
  db: Database;
  settings: Settings;
  modules?: ServerModule[];
  logger?: boolean | { level: string };
  /** Polling and batch sizes of the job queue (tests poll faster). */
  jobs?: Partial<QueueTuning>;
}

export interface App {
  fastify: FastifyInstance;
  platform: Platform;
  close(): Promise<void>;
}

/** Builds the HTTP server from the platform and every module's server half. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { db, settings } = options;
  const modules = options.modules ?? serverModules;
  const fastify = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: settings.RAPPORT_TRUST_PROXY === '1',
    routerOptions: { maxParamLength: 200 },
  });
  const openapi = new OpenApiRegistry();
  const registry = registryOf(modules);
  const usage = new UsageRecorder(db, (error) =>
    fastify.log.error({ err: error }, 'usage events not written'),
  );
  const jobs = new JobQueue(
    db,
    (error) => fastify.log.error({ err: error }, 'job queue error'),
    options.jobs,
  );
  const events = new RecordEvents(db, jobs);
  const includes = modules.flatMap((m) => m.includes ?? []);
  const principals = new PrincipalCache();
  const changes = new WorkspaceChanges(db, (error) =>
    fastify.log.error({ err: error }, 'change notifications failed'),
  );
  changes.onChange((workspaceId) => principals.dropWorkspace(workspaceId));
  await changes.start();
  const platform: Platform = {
    db,
    settings,
    registry,
    usage,
    jobs,
    events,
    openapi,
    changes,
    secrets: new SecretBox(settings.RAPPORT_SECRET, settings.RAPPORT_DATA_DIR),
    async setupWorkspace(tx, workspaceId) {
      for (const module of modules) await module.setupWorkspace?.(tx, workspaceId);
    },
    authenticate: (request) => authenticate(db, principals, request, settings.RAPPORT_PUBLIC_URL),
    async includes(ctx, object, id, names) {
      let out = '';
      for (const name of names) {
        const include = includes.find((i) => i.object === object && i.name === name);
        if (!include)
          throw new ValidationFailed(`Nothing called "${name}" can be included`, [
            { path: 'include', message: `unknown: ${name}` },
          ]);
        const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
        out += `,${JSON.stringify(name)}:${JSON.stringify(await include.load(ctx, id, objects))}`;
      }
      return out;
    },
  };

  fastify.setErrorHandler(errorHandler);
  // Read usage is committed before the answer leaves, so a crash loses none (see UsageRecorder); the
  // web app's files record none and never wait for the database.
  fastify.addHook('onSend', async (request) => {
    if (request.url.startsWith('/api/')) await usage.flush();
  });
  await fastify.register(cookie);
  await fastify.register(rateLimit, { global: false });
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
    hsts: settings.RAPPORT_PUBLIC_URL?.startsWith('https://') ? undefined : false,
  });

  fastify.get('/api/health', async () => ({ status: 'ok' }));
  // Signed in, the document describes the caller's workspace as their role sees it: custom objects and
  // fields included, fields hidden from the role left out. Anonymous callers get the standard objects.
  fastify.get('/api/v1/openapi.json', async (request) => {
    const signedIn = request.headers.authorization || request.headers.cookie?.includes('rapport_session=');
    if (!signedIn) return openapi.document(recordPaths(registry.standardObjects()));
    const ctx = await platform.authenticate(request);
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    return openapi.document(recordPaths([...objects.values()]));
  });
  for (const module of modules) module.routes?.(fastify, platform);
  metadataRoutes(fastify, platform);
  searchRoutes(fastify, platform);
  recordRoutes(fastify, platform);
  jobRoutes(fastify, platform, jobs);

  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await fastify.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      maxAge: '1y',
      immutable: true,
      index: false,
    });
  }
  // The web app's own routes (/, /o/accounts, …) all answer its index.html; files under it come from disk.
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0, immutable: false });
  if (hasWeb) fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb)
      return notFoundHandler(request, reply);
    return sendIndex(reply);
  });

  return {
    fastify,
    platform,
    async close() {
      await fastify.close();
      await jobs.stop();
      await usage.flush();
      await changes.stop();
    },
  };
}
