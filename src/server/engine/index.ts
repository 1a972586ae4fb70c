/**
 * The record engine's public face: modules and the platform import the engine from here only.
 * An object is a declaration (defineObject) plus hooks on its write lifecycle; the engine serves the rest.
 */
export { live, recordColumns, recordIndexes, timestamptz } from './columns';
export type { Actor, ChangeSource, RequestContext, WorkspaceInfo } from './context';
export { defineObject, type FieldSpec, type ObjectDeclaration } from './declaration';
export {
  draftError,
  draftRecord,
  type Draft,
  type HookScope,
  type ObjectHooks,
  type Subscription,
  type Values,
  type WriteOperation,
  type WrittenRecord,
} from './lifecycle';
export { aggregateRecords, groupLimit, type AggregateRequest } from './aggregate';
export { csvRows } from './csv';
export { exportPage, recordPages, safeCell } from './export';
export { lookUpNames } from './exportNames';
export { checkFilterSize, listFromBody, listFromQueryString } from './listParams';
export { compileFilter } from './filters';
export { linkedRecordsPath } from './linkedRecords';
export { assertRecordId, getRecordJson, type ListRequest } from './read';
export { readHistory, scrubHistoryValues, type HistoryRow } from './history';
export { recordJson } from './recordJson';
export {
  writeTransaction,
  records,
  type BulkRequest,
  type BulkResult,
  type ObjectMap,
  type Records,
} from './records';
export { Registry } from './registry';
export type { ComputedFieldRow } from './formula/fields';
export { tableAlias, type ResolvedField, type ResolvedObject } from './resolved';
export { baseConditions, tableOf } from './tableScope';
export { assertAdmin, assertCanWrite, seesEvery, visibleTo } from './visibility';
export type { Saved } from './prepare';
