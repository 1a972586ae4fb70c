import type { Executor } from '../db/database';
import type { RequestContext } from './context';
import type { Records } from './records';
import type { ObjectLookup } from './references';

/** One write transaction as the write path sees it: who, where, the objects, and what runs after commit. */
export interface WriteScope {
  ctx: RequestContext;
  tx: Executor;
  lookup: ObjectLookup;
  records: Records;
  afterCommit(task: () => Promise<void>): void;
}
