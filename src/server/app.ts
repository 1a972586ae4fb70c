import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { ValidationFailed } from '../common/errors';
import { authenticate, PrincipalCache } from '../modules/auth/server';
import { WorkspaceChanges } from './db/changes';
import type { Database } from './db/database';
import { metadataRoutes } from './engine/metadataRoutes';
import { recordPaths } from './engine/openapiRecords';
import { recordRoutes } from './engine/routes';
import { recentViewRoutes } from './engine/recentViews';
import { searchRoutes } from './engine/search';
import type { Settings } from './env';
import { RecordEvents } from './events/dispatcher';
import { JobQueue, type QueueTuning } from './jobs/queue';
import { jobRoutes } from './jobs/routes';
import { errorHandler, notFoundHandler } from './http/errors';
import { keepStatisticsFresh } from './maintenance';
import { hostAllowList } from './http/hosts';
import { databaseRateLimitStore, definePurgeOfRateLimits } from './http/rateLimits';
import { OpenApiRegistry } from './http/openapi';
import { addSecurityHeaders } from './http/securityHeaders';
import { compressAnswers, serveWebApp } from './http/webApp';
import { registryOf, serverModules } from './modules';
import { includedOn, type Platform, type ServerModule } from './platform';
import { SecretBox } from './secrets';
import { fileStoreFor } from './files/storeFromSettings';
import { UsageRecorder } from './usage';

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

/**
 * Only the configured proxies are believed: `true` would take a client's own X-Forwarded-For, and
 * each request could then claim a new address. A hop count trusts that many addresses from this end.
 */
function trustedProxies(setting: Settings['RAPPORT_TRUST_PROXY']) {
  if (Array.isArray(setting)) return setting;
  return setting === 0 ? false : (_address: string, hop: number) => hop < setting;
}

/** Builds the HTTP server from the platform and every module's server half. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { db, settings } = options;
  const modules = options.modules ?? serverModules;
  const fastify = Fastify({
    logger: options.logger ?? false,
    // One line per answered request (below) instead of Fastify's two, one of them on arrival.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: trustedProxies(settings.RAPPORT_TRUST_PROXY),
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
  keepStatisticsFresh(db, jobs, events, registry);
  definePurgeOfRateLimits(jobs, db);
  const includes = modules.flatMap((m) => m.includes ?? []);
  const mergeMoves = modules.flatMap((m) => m.mergeMoves ?? []);
  const changeOrigins = modules.flatMap((m) => m.changeOrigins ?? []);
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
    files: fileStoreFor(settings),
    async setupWorkspace(tx, workspaceId) {
      for (const module of modules) await module.setupWorkspace?.(tx, workspaceId);
    },
    authenticate: (request) => authenticate(db, principals, request, settings.RAPPORT_PUBLIC_URL),
    async includes(ctx, object, id, names) {
      const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
      const resolved = objects.get(object);
      let out = '';
      for (const name of names) {
        const include = includes.find((i) => i.name === name && includedOn(i, resolved));
        if (!include || !resolved)
          throw new ValidationFailed(`Nothing called "${name}" can be included`, [
            { path: 'include', message: `unknown: ${name}` },
          ]);
        out += `,${JSON.stringify(name)}:${JSON.stringify(await include.load(ctx, id, objects, resolved))}`;
      }
      return out;
    },
    mergeMoves: (object) => mergeMoves.filter((m) => m.object === object),
    changeOrigin: (kind) => changeOrigins.find((o) => o.kind === kind),
    createIncludes: (object) =>
      includes.filter((i) => i.onCreate && includedOn(i, object)).map((i) => i.name),
  };

  fastify.setErrorHandler(errorHandler);
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: reply.elapsedTime },
      'answered',
    );
    done();
  });
  fastify.addHook('onRequest', hostAllowList(settings.RAPPORT_PUBLIC_URL));
  // Read usage is committed before the answer leaves, so a crash loses none (see UsageRecorder); the
  // web app's files record none and never wait for the database.
  fastify.addHook('onSend', async (request) => {
    if (request.url.startsWith('/api/')) await usage.flush();
  });
  await fastify.register(cookie);
  await fastify.register(rateLimit, { global: false, store: databaseRateLimitStore(db) });
  await addSecurityHeaders(fastify, {
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

  const hasWeb = await serveWebApp(fastify);
  await compressAnswers(fastify);

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
  recentViewRoutes(fastify, platform);
  recordRoutes(fastify, platform);
  jobRoutes(fastify, platform, jobs);

  if (!hasWeb) fastify.setNotFoundHandler(notFoundHandler);

  return {
    fastify,
    platform,
    async close() {
      await fastify.close();
      await jobs.stop();
      await usage.close();
      await changes.stop();
    },
  };
}
