import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../../../server/db/database';
import type { DashboardFilters, DashboardTile, ReportDefinition } from '../contract';
import { measureIds } from './measures/catalogue';
import { dashboards, reports } from './objects';

interface DefaultReport {
  key: string;
  name: string;
  definition: ReportDefinition;
}

const openDeals = { field: 'closedAt', op: 'isNull', value: true } as const;

/** The reports the default dashboards show; no date range, so that they never go stale. */
const defaultReports: DefaultReport[] = [
  {
    key: 'pipeline',
    name: 'Open pipeline by stage',
    definition: {
      object: 'deals',
      filter: openDeals,
      groupBy: ['stageId'],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'amountInBase' }],
      chart: 'bar',
    },
  },
  {
    key: 'activities',
    name: 'Open activities by type',
    definition: {
      object: 'activities',
      filter: { field: 'done', op: 'eq', value: false },
      groupBy: ['type'],
      measures: [{ fn: 'count' }],
      chart: 'bar',
    },
  },
  {
    key: 'forecast',
    name: 'Open pipeline by forecast category',
    definition: {
      object: 'deals',
      filter: openDeals,
      groupBy: ['forecastCategory'],
      measures: [{ fn: 'sum', field: 'amountInBase' }, { fn: 'count' }],
      chart: 'bar',
    },
  },
];

interface DefaultDashboard {
  role: 'rep' | 'manager' | 'admin';
  name: string;
  /** `report:<key>` of the reports above, or a measure of the catalogue */
  tiles: string[];
  filters: DashboardFilters;
}

/**
 * What each role sees first: a rep their own pipeline and activities; a manager their team's forecast,
 * adoption and scorecard; an admin the scorecard, every measure in its order. `me` and `mine` stand for
 * whoever looks.
 */
export const defaultDashboards: DefaultDashboard[] = [
  {
    role: 'rep',
    name: 'My pipeline and activities',
    tiles: ['report:pipeline', 'report:activities'],
    filters: { ownerId: 'me' },
  },
  {
    role: 'manager',
    name: 'Team forecast and adoption',
    tiles: ['report:forecast', 'forecastAccuracy', 'winRate', 'weeklyActiveUsers', 'activityCoverage'],
    filters: { teamId: 'mine' },
  },
  { role: 'admin', name: 'Is Rapport working?', tiles: measureIds, filters: {} },
];

/**
 * Gives a workspace the default dashboard of each role that has none, with the reports they show:
 * ownerless and seen by the whole workspace, so that any admin may change them.
 */
export async function insertDefaultDashboards(tx: Executor, workspaceId: string): Promise<void> {
  const existing = await tx
    .select({ role: dashboards.defaultForRole })
    .from(dashboards)
    .where(and(eq(dashboards.workspaceId, workspaceId), isNull(dashboards.deletedAt)));
  const missing = defaultDashboards.filter((d) => !existing.some((e) => e.role === d.role));
  if (!missing.length) return;
  const reportIds = new Map(defaultReports.map((r) => [r.key, uuidv7()]));
  const used = new Set(missing.flatMap((d) => d.tiles).filter((t) => t.startsWith('report:')));
  const toInsert = defaultReports.filter((r) => used.has(`report:${r.key}`));
  if (toInsert.length)
    await tx.insert(reports).values(
      toInsert.map((r) => ({
        workspaceId,
        id: reportIds.get(r.key)!,
        name: r.name,
        chart: r.definition.chart,
        definition: r.definition,
        searchText: r.name.toLowerCase(),
      })),
    );
  await tx.insert(dashboards).values(
    missing.map((d) => ({
      workspaceId,
      id: uuidv7(),
      name: d.name,
      defaultForRole: d.role,
      tiles: d.tiles.map((ref, i): DashboardTile =>
        ref.startsWith('report:')
          ? { id: `t${i + 1}`, kind: 'report', ref: reportIds.get(ref.slice(7))!, width: 2 }
          : { id: `t${i + 1}`, kind: 'measure', ref, width: 1 },
      ),
      filters: d.filters,
      searchText: d.name.toLowerCase(),
    })),
  );
}
