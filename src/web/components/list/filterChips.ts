import type { FilterNode } from '../../../common/pagination';
import type { FieldMeta } from '../../../common/metadata';
import {
  countConditions,
  groupChildren,
  groupJoin,
  isGroup,
  isLeaf,
  makeGroup,
  operatorLabels,
} from './filterModel';

/** The conditions at the top of a filter: what the list shows as chips, each removable alone. */
export function topConditions(filter: FilterNode | undefined): FilterNode[] {
  if (!filter) return [];
  return isGroup(filter) && groupJoin(filter) === 'and' ? groupChildren(filter) : [filter];
}

/** The filter without its `index`-th top condition; nothing left means no filter. */
export function withoutCondition(filter: FilterNode | undefined, index: number): FilterNode | undefined {
  const rest = topConditions(filter).filter((_, i) => i !== index);
  if (rest.length === 0) return undefined;
  return rest.length === 1 ? rest[0] : makeGroup('and', rest);
}

function valueText(field: FieldMeta | undefined, value: unknown): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => field?.options?.find((o) => o.value === v)?.label ?? String(v)).join(', ');
}

/** A condition in words: "Email contains zephyr", "Industry is any of Retail, Space", "any of 2 conditions". */
export function conditionText(node: FilterNode, fields: FieldMeta[]): string {
  if (isLeaf(node)) {
    const field = fields.find((f) => f.name === node.field);
    const label = field?.label ?? node.field;
    if (node.op === 'isNull') return `${label} ${node.value === false ? 'is not empty' : 'is empty'}`;
    return `${label} ${operatorLabels[node.op as keyof typeof operatorLabels] ?? node.op} ${valueText(field, node.value)}`;
  }
  if ('has' in node) return `has related ${node.has.object}`;
  if ('not' in node) return `not (${conditionText(node.not, fields)})`;
  return `${groupJoin(node) === 'or' ? 'any' : 'all'} of ${countConditions(node)} conditions`;
}
