import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterNode, Page } from '../../../common/pagination';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { DashboardFilters, DashboardTile, ReportAnswer, ReportDefinition, Scorecard } from '../contract';

interface Dashboard {
  name: string;
  defaultForRole: string | null;
  ownerId: string | null;
  tiles: DashboardTile[];
  filters: DashboardFilters;
}
interface Report {
  id: string;
  name: string;
  definition: ReportDefinition;
}
type Person = { cookie: string; userId: string };

let app: TestApp;
let admin: Person;
let manager: Person;
let rep: Person;
let teamId: string;

const list = async <T>(path: string, as: string) => {
  const answer = await app.call('GET', `/api/v1/${path}?limit=200&sort=name`, { as });
  expect(answer.status, answer.body).toBe(200);
  return answer.json<Page<T>>().data;
};

/** The dashboard the web opens for a person: their role's default. */
const opened = async (person: Person, role: string) =>
  (await list<Dashboard>('dashboards', person.cookie)).find((d) => d.defaultForRole === role)!;

/** A report tile as the dashboard runs it for `person`: narrowed to them (`me`) or their team (`mine`, the team's members). */
async function runTile(person: Person, filters: DashboardFilters, tile: DashboardTile) {
  const reports = await list<Report>('reports', person.cookie);
  const { chart: _chart, ...query } = reports.find((r) => r.id === tile.ref)!.definition;
  const parts = [query.filter as FilterNode];
  if (filters.ownerId === 'me') parts.push({ field: 'ownerId', op: 'eq', value: person.userId });
  // The team's members, as the web lists them for a team filter.
  if (filters.teamId === 'mine')
    parts.push({ field: 'ownerId', op: 'in', value: [manager.userId, rep.userId] });
  const answer = await app.call('POST', '/api/v1/insights/reports/run', {
    as: person.cookie,
    body: { ...query, filter: { and: parts } },
  });
  expect(answer.status, answer.body).toBe(200);
  return answer.json<ReportAnswer>();
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const team = await app.call('POST', '/api/v1/teams', { as: admin.cookie, body: { name: 'Field' } });
  expect(team.status, team.body).toBe(201);
  teamId = team.json<{ id: string }>().id;
  manager = await app.addUser(admin.cookie, 'manager', teamId);
  rep = await app.addUser(admin.cookie, 'rep', teamId);
  const deals = [
    { name: 'Rep open', amount: '100.00', ownerId: rep.userId },
    { name: 'Manager open', amount: '40.00', ownerId: manager.userId },
    { name: 'Admin open', amount: '7.00' },
  ];
  const created = await app.call('POST', '/api/v1/deals/bulk', { as: admin.cookie, body: { create: deals } });
  expect(created.status, created.body).toBe(200);
});
afterAll(() => app.close());

describe('default dashboards', () => {
  it('a new workspace has one per role, seen by everyone, built from reports and scorecard tiles', async () => {
    const dashboards = await list<Dashboard>('dashboards', admin.cookie);
    expect(
      dashboards.map((d) => [d.defaultForRole, d.name, d.ownerId, d.filters, d.tiles.map((t) => t.kind)]),
    ).toEqual([
      ['admin', 'Is Rapport working?', null, {}, Array(21).fill('measure')],
      ['rep', 'My pipeline and activities', null, { ownerId: 'me' }, ['report', 'report']],
      [
        'manager',
        'Team forecast and adoption',
        null,
        { teamId: 'mine' },
        ['report', 'measure', 'measure', 'measure', 'measure'],
      ],
    ]);
    expect((await list<Report>('reports', rep.cookie)).map((r) => r.name)).toEqual([
      'Open activities by type',
      'Open pipeline by forecast category',
      'Open pipeline by stage',
    ]);
    // A second workspace gets its own, and the first keeps three.
    const other = await app.signup('Other');
    expect((await list<Dashboard>('dashboards', other.cookie)).length).toBe(3);
    expect((await list<Dashboard>('dashboards', admin.cookie)).length).toBe(3);
  });

  it('a rep opens their own pipeline and activities: their deals only', async () => {
    const dashboard = await opened(rep, 'rep');
    expect(dashboard.name).toBe('My pipeline and activities');
    const pipeline = await runTile(rep, dashboard.filters, dashboard.tiles[0]);
    expect(pipeline.labels.columns).toEqual(['Stage', 'Count', 'Sum of Amount (base currency)']);
    expect(pipeline.data.map((r) => r.values)).toEqual([[1, '100.00']]);
    const activities = await runTile(rep, dashboard.filters, dashboard.tiles[1]);
    expect(activities.data).toEqual([]);
  });

  it("a manager opens their team's forecast with adoption and the scorecard's tiles", async () => {
    const dashboard = await opened(manager, 'manager');
    expect(dashboard.name).toBe('Team forecast and adoption');
    const forecast = await runTile(manager, dashboard.filters, dashboard.tiles[0]);
    // The rep's and the manager's deals (the team's), not the admin's.
    expect(forecast.data.map((r) => [r.group.forecastCategory, ...r.values])).toEqual([
      ['pipeline', '140.00', 2],
    ]);
    expect(dashboard.tiles.slice(1).map((t) => t.ref)).toEqual([
      'forecastAccuracy',
      'winRate',
      'weeklyActiveUsers',
      'activityCoverage',
    ]);
  });

  it("an admin opens the scorecard: a tile per measure, in the scorecard's order", async () => {
    const dashboard = await opened(admin, 'admin');
    expect(dashboard.name).toBe('Is Rapport working?');
    const scorecard = await app.call('GET', '/api/v1/insights/scorecard', { as: admin.cookie });
    expect(scorecard.status, scorecard.body).toBe(200);
    const measures = scorecard.json<Scorecard>().tiles.map((t) => t.measure);
    expect(measures).toHaveLength(21);
    expect(dashboard.tiles.map((t) => t.ref)).toEqual(measures);
    expect(dashboard.tiles.slice(0, 2).map((t) => t.ref)).toEqual([
      'prospectToPaymentMedianDays',
      'prospectToPaymentP80Days',
    ]);
    expect(dashboard.tiles.slice(-3).map((t) => t.ref)).toEqual([
      'weeklyActiveUsers',
      'repsLoggingWeekly',
      'usefulnessRating',
    ]);
  });
});
