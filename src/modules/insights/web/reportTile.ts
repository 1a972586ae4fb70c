import type { FilterNode } from '../../../common/pagination';
import type { DashboardFilters, ReportQuery } from '../contract';
import type { SavedReport } from './api';

/** A saved report as a dashboard shows it: the dashboard's period and owner narrow it. */
export function narrowed(report: SavedReport, filters: DashboardFilters | null): ReportQuery {
  const { chart: _chart, ...query } = report.definition;
  const parts: FilterNode[] = query.filter ? [query.filter as FilterNode] : [];
  if (filters?.ownerId) parts.push({ field: 'ownerId', op: 'eq', value: filters.ownerId });
  if (filters?.teamId) parts.push({ field: 'ownerId.teamId', op: 'eq', value: filters.teamId });
  const range = filters?.period && query.range ? { ...query.range, ...filters.period } : query.range;
  return { ...query, ...(parts.length ? { filter: { and: parts } } : {}), ...(range ? { range } : {}) };
}
