import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Executor } from './db/database';
import type {
  ComputedFieldRow,
  ObjectDeclaration,
  Records,
  Registry,
  RequestContext,
  ResolvedObject,
  Subscription,
} from './engine';
import type { Settings } from './env';
import type { SecretBox } from './secrets';
import type { UsageRecorder } from './usage';
import type { OpenApiRegistry } from './http/openapi';
import type { WorkspaceChanges } from './db/changes';
import type { RecordEvents } from './events/dispatcher';
import type { Jobs } from './jobs/queue';
import type { FileStore } from './files/fileStore';
import { everyCustomObject } from '../common/metadata';

/** What the platform hands every module's server half. */
export interface Platform {
  db: Database;
  settings: Settings;
  registry: Registry;
  usage: UsageRecorder;
  /** The durable job queue: define handlers, send jobs, schedule cron jobs. */
  jobs: Jobs;
  /** Subscriptions to committed record changes (the outbox), delivered through `jobs`. */
  events: Pick<RecordEvents, 'subscribe' | 'observe' | 'dispatch'>;
  secrets: SecretBox;
  /** Where files are kept (captured mail, attachments): the data folder, behind one small interface. */
  files: FileStore;
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
  createIncludes(object: ResolvedObject): string[];
  /** What modules move, besides reference and link fields, when records of an object are merged. */
  mergeMoves(object: string): MergeMove[];
  /** Who describes the changes whose history `sourceRef` is `<kind>/<id>` (a captured email), if a module does. */
  changeOrigin(kind: string): ChangeOrigin | undefined;
}

/**
 * Where changes came from, for a `sourceRef` kind a module owns (`mail_messages/<id>`): provenance shows
 * the description beside the field, in words, with the activity to open when there is one.
 */
export interface ChangeOrigin {
  kind: string;
  describe(
    ctx: RequestContext,
    x: Executor,
    id: string,
  ): Promise<{ label: string; activityId?: string } | undefined>;
}

export { everyCustomObject };

/** Related data one module offers on another object's record (an account's contacts). */
export interface RecordInclude {
  /** an object's name, or `everyCustomObject` */
  object: string;
  name: string;
  /** also answered by every create of the object, without being asked for */
  onCreate?: boolean;
  /**
   * `objects` are the workspace's resolved objects, so that a loader can apply their visibility;
   * `object` is the one whose record `id` is.
   */
  load(
    ctx: RequestContext,
    id: string,
    objects: Map<string, ResolvedObject>,
    object: ResolvedObject,
  ): Promise<unknown>;
}

/** Whether an include is offered on an object's records. */
export function includedOn(include: RecordInclude, object: ResolvedObject | undefined): boolean {
  if (!object) return false;
  return (
    include.object === object.name || (include.object === everyCustomObject && !!object.declaration.custom)
  );
}

/** Where a merge moves a module's own rows: the merge's transaction, and the records service for record writes. */
export interface MergeScope {
  ctx: RequestContext;
  tx: Executor;
  records: Records;
}

/**
 * A module's own rows that refer to records of an object (a contact's account relationships, a deal's
 * contact roles): a merge of that object moves them to the survivor, and its undo puts them back.
 */
export interface MergeMove {
  object: string;
  /** what is moved, as people say it (`account relationships`) */
  name: string;
  /** moves what refers to `from` to `to`; answers how many moved and what `undo` needs (JSON) */
  move(scope: MergeScope, from: string[], to: string): Promise<{ count: number; undo: unknown }>;
  undo(scope: MergeScope, undo: unknown): Promise<void>;
}

/** A domain module's server half: its objects, its hooks on other modules' objects, and its own routes. */
export interface ServerModule {
  name: string;
  objects?: ObjectDeclaration[];
  subscriptions?: Subscription[];
  /** Formulas and rollups on any module's objects that every workspace has (`type`, `rollup` as an admin's). */
  computedFields?: ComputedFieldRow[];
  includes?: RecordInclude[];
  mergeMoves?: MergeMove[];
  changeOrigins?: ChangeOrigin[];
  /** What a new workspace starts with, written in the transaction that creates it. */
  setupWorkspace?(tx: Executor, workspaceId: string): Promise<void>;
  routes?(app: FastifyInstance, platform: Platform): void;
}
