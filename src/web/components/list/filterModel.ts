import type { FieldMeta, FieldType } from '../../../common/metadata';
import type { FilterNode, FilterOperator } from '../../../common/pagination';

export type FilterLeaf = Extract<FilterNode, { field: string }>;
export type FilterGroup = { and: FilterNode[] } | { or: FilterNode[] };

export const operatorLabels: Record<FilterOperator, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'less than',
  lte: 'at most',
  gt: 'greater than',
  gte: 'at least',
  in: 'is any of',
  contains: 'contains',
  startsWith: 'starts with',
  isNull: 'is empty',
};

const defaultOperators: Record<FieldType, FilterOperator[]> = {
  text: ['contains', 'eq', 'ne', 'startsWith', 'isNull'],
  longtext: ['contains', 'isNull'],
  email: ['contains', 'eq', 'startsWith', 'isNull'],
  phone: ['contains', 'eq', 'isNull'],
  url: ['contains', 'eq', 'isNull'],
  domain: ['contains', 'eq', 'startsWith', 'isNull'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull'],
  integer: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull'],
  money: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'isNull'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'isNull'],
  boolean: ['eq'],
  select: ['eq', 'ne', 'in', 'isNull'],
  multiselect: ['contains', 'isNull'],
  reference: ['eq', 'ne', 'isNull'],
  address: ['contains', 'isNull'],
  tags: ['contains', 'isNull'],
  emails: ['contains', 'isNull'],
  phones: ['contains', 'isNull'],
  link: ['eq', 'isNull'],
  links: ['eq', 'isNull'],
  json: ['isNull'],
};

/**
 * The operators that fit the field's type and that the server accepts for it, the most useful first
 * (`contains` before `eq` for text; no "less than" on a name).
 */
export function operatorsFor(field: FieldMeta): FilterOperator[] {
  const preferred = defaultOperators[field.type] ?? [];
  const fromServer = new Set(field.operators);
  const fitting = preferred.filter((op) => fromServer.has(op));
  return fitting.length ? fitting : preferred;
}

export function isLeaf(node: FilterNode): node is FilterLeaf {
  return 'field' in node;
}

export function isGroup(node: FilterNode): node is FilterGroup {
  return 'and' in node || 'or' in node;
}

export function groupChildren(node: FilterGroup): FilterNode[] {
  return 'and' in node ? node.and : node.or;
}

export function groupJoin(node: FilterGroup): 'and' | 'or' {
  return 'and' in node ? 'and' : 'or';
}

export function makeGroup(join: 'and' | 'or', children: FilterNode[]): FilterGroup {
  return join === 'and' ? { and: children } : { or: children };
}

/** A leaf is complete when it has a value, or its operator needs none. */
export function isCompleteLeaf(leaf: FilterLeaf): boolean {
  if (leaf.op === 'isNull') return true;
  if (Array.isArray(leaf.value)) return leaf.value.length > 0;
  return leaf.value !== undefined && leaf.value !== null && leaf.value !== '';
}

/** Drops unfinished conditions and empty groups so the server gets only meaningful filters. */
export function pruneFilter(node: FilterNode | undefined): FilterNode | undefined {
  if (!node) return undefined;
  if (isLeaf(node)) return isCompleteLeaf(node) ? node : undefined;
  // A related-records condition comes from the API or a shared view; the editor keeps it as it is.
  if ('has' in node) return node;
  if ('not' in node) {
    const inner = pruneFilter(node.not);
    return inner ? { not: inner } : undefined;
  }
  const children = groupChildren(node)
    .map(pruneFilter)
    .filter((c): c is FilterNode => c !== undefined);
  return children.length ? makeGroup(groupJoin(node), children) : undefined;
}

export function countConditions(node: FilterNode | undefined): number {
  if (!node) return 0;
  if (isLeaf(node) || 'has' in node) return 1;
  if ('not' in node) return countConditions(node.not);
  return groupChildren(node).reduce((sum, child) => sum + countConditions(child), 0);
}

function leafParam(leaf: FilterLeaf): [string, string] {
  const value = Array.isArray(leaf.value) ? leaf.value.join(',') : String(leaf.value ?? true);
  return [`filter[${leaf.field}][${leaf.op}]`, value];
}

/**
 * The list's query-string form (used by export): `filter[field][op]=value` parameters, which
 * express an AND of conditions. Returns null for or-groups, which the query string cannot carry.
 */
export function listQueryParams(state: {
  sort?: string;
  q?: string;
  filter?: FilterNode;
}): URLSearchParams | null {
  const params = new URLSearchParams();
  if (state.sort) params.set('sort', state.sort);
  if (state.q) params.set('q', state.q);
  const filter = pruneFilter(state.filter);
  if (!filter) return params;
  const leaves = isLeaf(filter)
    ? [filter]
    : 'and' in filter && filter.and.every(isLeaf)
      ? (filter.and as FilterLeaf[])
      : null;
  if (!leaves) return null;
  leaves.forEach((leaf) => params.append(...leafParam(leaf)));
  return params;
}
