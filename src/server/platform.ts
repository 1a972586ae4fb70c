import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Executor } from './db/database';
import type { ObjectDeclaration, Registry, RequestContext, ResolvedObject, Subscription } from './engine';
import type { Settings } from './env';
import type { SecretBox } from './secrets';
import type { UsageRecorder } from './usage';
import type { OpenApiRegistry } from './http/openapi';
import type { WorkspaceChanges } from './db/changes';
import type { RecordEvents } from './events/dispatcher';
import type { Jobs } from './jobs/queue';

/** What the platform hands every module's server half. */
export interface Platform {
  db: Database;
  settings: Settings;
  registry: Registry;
  usage: UsageRecorder;
  /** The durable job queue: define handlers, send jobs, schedule cron jobs. */
  jobs: Jobs;
  /** Subscriptions to committed record changes (the outbox), delivered through `jobs`. */
  events: Pick<RecordEvents, 'subscribe' | 'dispatch'>;
  secrets: SecretBox;
  openapi: OpenApiRegistry;
  /** Announce (after commit) that a workspace's users, sessions, keys or metadata changed. */
  changes: WorkspaceChanges;
  /** Gives a new workspace what every module's records need (the deals module's default pipeline), in its transaction. */
  setupWorkspace(tx: Executor, workspaceId: string): Promise<void>;
  /** The caller's context, or 401. */
  authenticate(request: FastifyRequest): Promise<RequestContext>;
  /** Related data a module adds to `GET /{object}/{id}?include=name`, as `,"name":…` JSON text. */
  includes(ctx: RequestContext, object: string, id: string, names: string[]): Promise<string>;
  /** The includes every create of an object answers with (a new contact's likely duplicates). */
  createIncludes(object: string): string[];
}

/** Related data one module offers on another object's record (an account's contacts). */
export interface RecordInclude {
  object: string;
  name: string;
  /** also answered by every create of the object, without being asked for */
  onCreate?: boolean;
  /** `objects` are the workspace's resolved objects, so that a loader can apply their visibility. */
  load(ctx: RequestContext, id: string, objects: Map<string, ResolvedObject>): Promise<unknown>;
}

/** A domain module's server half: its objects, its hooks on other modules' objects, and its own routes. */
export interface ServerModule {
  name: string;
  objects?: ObjectDeclaration[];
  subscriptions?: Subscription[];
  includes?: RecordInclude[];
  /** What a new workspace starts with, written in the transaction that creates it. */
  setupWorkspace?(tx: Executor, workspaceId: string): Promise<void>;
  routes?(app: FastifyInstance, platform: Platform): void;
}
