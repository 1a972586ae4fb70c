import dayjs from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import type { FilterNode } from '../../../common/pagination';

dayjs.extend(quarterOfYear);

export const closePeriods = [
  { value: 'overdue', label: 'Overdue' },
  { value: 'thisMonth', label: 'This month' },
  { value: 'nextMonth', label: 'Next month' },
  { value: 'thisQuarter', label: 'This quarter' },
  { value: 'nextQuarter', label: 'Next quarter' },
  { value: 'thisYear', label: 'This year' },
] as const;
export type ClosePeriod = (typeof closePeriods)[number]['value'];

export interface BoardFilters {
  ownerId: string | null;
  teamId: string | null;
  closePeriod: ClosePeriod | null;
  minAmount: number | null;
  maxAmount: number | null;
}

const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** The first and last day of a close period, relative to today. */
export function periodRange(period: ClosePeriod, today = dayjs()): [string | null, string] {
  switch (period) {
    case 'overdue':
      return [null, day(today.subtract(1, 'day'))];
    case 'thisMonth':
      return [day(today.startOf('month')), day(today.endOf('month'))];
    case 'nextMonth':
      return [day(today.add(1, 'month').startOf('month')), day(today.add(1, 'month').endOf('month'))];
    case 'thisQuarter':
      return [day(today.startOf('quarter')), day(today.endOf('quarter'))];
    case 'nextQuarter':
      return [day(today.add(1, 'quarter').startOf('quarter')), day(today.add(1, 'quarter').endOf('quarter'))];
    case 'thisYear':
      return [day(today.startOf('year')), day(today.endOf('year'))];
  }
}

/** The board's filter as the engine's filter language: the pipeline, then whatever the user chose. */
export function boardFilter(pipelineId: string, filters: BoardFilters): FilterNode {
  const and: FilterNode[] = [{ field: 'pipelineId', op: 'eq', value: pipelineId }];
  if (filters.ownerId) and.push({ field: 'ownerId', op: 'eq', value: filters.ownerId });
  if (filters.teamId) and.push({ field: 'ownerId.teamId', op: 'eq', value: filters.teamId });
  if (filters.closePeriod) {
    const [from, to] = periodRange(filters.closePeriod);
    if (from) and.push({ field: 'closeDate', op: 'gte', value: from });
    and.push({ field: 'closeDate', op: 'lte', value: to });
  }
  if (filters.minAmount !== null) and.push({ field: 'amount', op: 'gte', value: String(filters.minAmount) });
  if (filters.maxAmount !== null) and.push({ field: 'amount', op: 'lte', value: String(filters.maxAmount) });
  return { and };
}

export function stageFilter(board: FilterNode, stageId: string): FilterNode {
  return { and: [board, { field: 'stageId', op: 'eq', value: stageId }] };
}
