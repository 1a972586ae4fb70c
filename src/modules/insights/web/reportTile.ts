import type { FilterNode } from '../../../common/pagination';
import type { DashboardFilters, ReportQuery } from '../contract';
import type { SavedReport } from './api';

/** Who looks at a dashboard: its `me` and `mine` filters stand for them. */
export interface Viewer {
  userId: string;
  teamId: string | null;
}

/** A person of the workspace and their team, for a team filter. */
export interface Member {
  id: string;
  teamId: string | null;
}

/**
 * A team as a condition on the owner: the engine does not filter by a user's fields, so its members
 * are listed; a team of none matches no record.
 */
function ownedByTeam(teamId: string, members: Member[]): FilterNode {
  const ids = members.filter((m) => m.teamId === teamId).map((m) => m.id);
  if (ids.length) return { field: 'ownerId', op: 'in', value: ids };
  return {
    and: [
      { field: 'ownerId', op: 'isNull', value: true },
      { field: 'ownerId', op: 'isNull', value: false },
    ],
  };
}

/**
 * A saved report as a dashboard shows it: the dashboard's period, owner and team narrow it; `mine`
 * narrows to the viewer's team, and to nothing for a viewer without one.
 */
export function narrowed(
  report: SavedReport,
  filters: DashboardFilters | null,
  viewer: Viewer,
  members: Member[],
): ReportQuery {
  const { chart: _chart, ...query } = report.definition;
  const parts: FilterNode[] = query.filter ? [query.filter as FilterNode] : [];
  const ownerId = filters?.ownerId === 'me' ? viewer.userId : filters?.ownerId;
  const teamId = filters?.teamId === 'mine' ? viewer.teamId : filters?.teamId;
  if (ownerId) parts.push({ field: 'ownerId', op: 'eq', value: ownerId });
  if (teamId) parts.push(ownedByTeam(teamId, members));
  const range = filters?.period && query.range ? { ...query.range, ...filters.period } : query.range;
  return { ...query, ...(parts.length ? { filter: { and: parts } } : {}), ...(range ? { range } : {}) };
}
