import type { FieldError } from '../../common/errors';
import type { Executor } from '../db/database';
import type { RequestContext } from './context';
import type { Records } from './records';
import type { ResolvedObject } from './resolved';

export type Values = Record<string, unknown>;

/** A field's value if the record holds it as its own property (never one every object inherits). */
export const ownValue = (values: Values, name: string): unknown =>
  Object.hasOwn(values, name) ? values[name] : undefined;

export type WriteOperation = 'create' | 'update' | 'delete' | 'restore' | 'merge' | 'import';

/** One record on its way in: what the caller sent (parsed), the record as it will be, and where it came from. */
export interface Draft {
  /** the values being written (a create's whole body, an update's patch); hooks may add to them */
  changes: Values;
  /** the record as it was (null on create) */
  before: Values | null;
  /** where errors about this record are reported: '' for one record, `create.5` in a bulk */
  path: string;
}

/** What a hook sees of one written record. */
export interface WrittenRecord {
  id: string;
  operation: WriteOperation;
  before: Values | null;
  after: Values;
  /** the API names of the fields whose values changed */
  changed: string[];
}

/** Where a hook runs: who asks, in which transaction, on which object, and the records service to write others. */
export interface HookScope {
  ctx: RequestContext;
  tx: Executor;
  object: ResolvedObject;
  operation: WriteOperation;
  records: Records;
  /** Queues work to run once the write's transaction has committed. */
  afterCommit(task: () => Promise<void>): void;
}

/**
 * The write lifecycle of an object. Every operation (create, update, delete, restore, bulk, merge,
 * import) runs the same steps, for a batch of records at once, in the write's transaction:
 * defaults → validate → beforeWrite → (write, history, events) → afterWrite; afterCommit once committed.
 * A hook that throws rolls the whole operation back, so nothing is written half.
 */
export interface ObjectHooks {
  /** Fills in values before validation (a deal's default pipeline); may query. Changes drafts in place. */
  defaults?(scope: HookScope, drafts: Draft[]): void | Promise<void>;
  /** Rules across fields and records; may query. Errors name full paths (see draftError). */
  validate?(scope: HookScope, drafts: Draft[]): FieldError[] | Promise<FieldError[]>;
  /** Last changes to the values once they are valid (a probability taken from the new stage). */
  beforeWrite?(scope: HookScope, drafts: Draft[]): void | Promise<void>;
  /** Runs after the rows, their history and events are written, in the same transaction. */
  /**
   * An afterWrite that changes records it was given (a new lead routed to its owner) answers their ids:
   * a create then answers those records as they stand after the hooks, not as first inserted.
   */
  afterWrite?(scope: HookScope, written: WrittenRecord[]): Promise<void | { rewritten: string[] }>;
  /** Runs after the transaction committed; failures are logged, never undo the write. */
  afterCommit?(ctx: RequestContext, object: ResolvedObject, written: WrittenRecord[]): Promise<void>;
}

/** Another module's hooks on an object it does not own (`*` for every object): the timeline, rollups, automation. */
export interface Subscription {
  object: string | '*';
  hooks: ObjectHooks;
}

/** The record as it will be after the draft is applied. */
export function draftRecord(draft: Draft): Values {
  return draft.before ? { ...draft.before, ...draft.changes } : draft.changes;
}

/** An error about one field of one draft, at the draft's path. */
export function draftError(draft: Draft, field: string, message: string): FieldError {
  return { path: [draft.path, field].filter(Boolean).join('.'), message };
}
