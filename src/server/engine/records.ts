import { NotFound } from '../../common/errors';
import type { RequestContext } from './context';
import type { WriteOperation } from './lifecycle';
import type { ResolvedObject } from './resolved';
import {
  prepareBin,
  prepareCreate,
  prepareUpdate,
  throwIfAny,
  type CreateRequest,
  type Saved,
  type UpdateRequest,
} from './prepare';
import { updatePrepared } from './update';
import { binPrepared, insertPrepared } from './write';
import type { WriteScope } from './writeScope';
import type { Executor } from '../db/database';

export interface BulkRequest {
  create?: unknown[];
  update?: { id: string; [field: string]: unknown }[];
  delete?: string[];
  /** ids to bring back from the recycle bin (an undo of a bulk delete) */
  restore?: string[];
}

export interface BulkResult {
  created: Saved[];
  updated: Saved[];
  deleted: string[];
  restored: string[];
}

/**
 * Writes to any object inside one transaction, each through the whole lifecycle: what a route, a hook,
 * lead conversion, a merge or an import uses to write several objects at once, all or nothing.
 */
export interface Records {
  create(object: string, requests: CreateRequest[], operation?: WriteOperation): Promise<Saved[]>;
  update(object: string, requests: UpdateRequest[], operation?: WriteOperation): Promise<Saved[]>;
  delete(object: string, ids: string[]): Promise<string[]>;
  restore(object: string, ids: string[]): Promise<string[]>;
  /** Creates, updates and deletes of one object; every bad row of every part is reported before any is written. */
  bulk(object: string, request: BulkRequest): Promise<BulkResult>;
}

export type ObjectMap = Map<string, ResolvedObject>;

function recordsIn(scope: Omit<WriteScope, 'records'>): Records {
  const full = scope as WriteScope;
  const object = (name: string) => {
    const found = scope.lookup(name);
    if (!found) throw new NotFound(`There is no object called "${name}"`);
    return found;
  };
  const records: Records = {
    async create(name, requests, operation) {
      const { prepared, errors } = await prepareCreate(full, object(name), requests, operation);
      throwIfAny(errors);
      return insertPrepared(full, prepared);
    },
    async update(name, requests, operation) {
      const { prepared, errors } = await prepareUpdate(full, object(name), requests, operation);
      throwIfAny(errors);
      return updatePrepared(full, prepared);
    },
    async delete(name, ids) {
      const { prepared, errors } = await prepareBin(full, object(name), ids, 'delete');
      throwIfAny(errors);
      return binPrepared(full, prepared);
    },
    async restore(name, ids) {
      const { prepared, errors } = await prepareBin(full, object(name), ids, 'restore');
      throwIfAny(errors);
      return binPrepared(full, prepared);
    },
    async bulk(name, request) {
      const target = object(name);
      const creates = await prepareCreate(
        full,
        target,
        (request.create ?? []).map((body, i) => ({ body, path: `create.${i}` })),
      );
      const updates = await prepareUpdate(
        full,
        target,
        (request.update ?? []).map(({ id, ...body }, i) => ({ id, body, path: `update.${i}` })),
      );
      const ids = request.delete ?? [];
      const deletes = await prepareBin(
        full,
        target,
        ids,
        'delete',
        ids.map((_, i) => `delete.${i}`),
      );
      const restoring = request.restore ?? [];
      const restores = await prepareBin(
        full,
        target,
        restoring,
        'restore',
        restoring.map((_, i) => `restore.${i}`),
      );
      throwIfAny([...creates.errors, ...updates.errors, ...deletes.errors, ...restores.errors]);
      return {
        created: await insertPrepared(full, creates.prepared),
        updated: await updatePrepared(full, updates.prepared),
        deleted: await binPrepared(full, deletes.prepared),
        restored: await binPrepared(full, restores.prepared),
      };
    },
  };
  full.records = records;
  return records;
}

/** The records service on a transaction the caller holds; `afterCommit` collects what runs once it commits. */
export function records(
  ctx: RequestContext,
  tx: Executor,
  objects: ObjectMap,
  afterCommit: (task: () => Promise<void>) => void,
): Records {
  return recordsIn({ ctx, tx, lookup: (n) => objects.get(n), afterCommit });
}

/**
 * Runs `work` in one write transaction with the records service, then the after-commit hooks. An
 * after-commit failure is reported, not thrown: the write it follows has committed.
 */
export async function writeTransaction<T>(
  ctx: RequestContext,
  objects: ObjectMap,
  work: (records: Records, tx: Executor) => Promise<T>,
  report: (error: unknown) => void = (error) => console.error('after-commit hook failed', error),
): Promise<T> {
  const pending: (() => Promise<void>)[] = [];
  const result = await ctx.db.write((tx) =>
    work(
      records(ctx, tx, objects, (task) => pending.push(task)),
      tx,
    ),
  );
  for (const task of pending) await task().catch(report);
  return result;
}
