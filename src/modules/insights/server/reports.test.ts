import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ReportAnswer } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string };
let rep: { cookie: string; userId: string };
const run = (body: unknown, as = admin.cookie) =>
  app.call('POST', '/api/v1/insights/reports/run', { as, body });
const errors = (r: { json<T>(): T }) => r.json<{ errors: { path: string; message: string }[] }>().errors;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  const account = (
    await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Acme', industry: 'Retail' },
    })
  ).json<{ id: string }>().id;
  const deals = [
    { name: 'J1', amount: '100.00', closeDate: '2026-01-05', accountId: account },
    { name: 'J2', amount: '300.00', closeDate: '2026-01-20' },
    { name: 'F1', amount: '50.00', closeDate: '2026-02-10', accountId: account },
    { name: 'M1', amount: '1000.00', closeDate: '2026-03-31', ownerId: rep.userId },
    { name: 'Late', amount: '7.00', closeDate: '2027-01-01' },
  ];
  const created = await app.call('POST', '/api/v1/deals/bulk', { as: admin.cookie, body: { create: deals } });
  expect(created.status, created.body).toBe(200);
});
afterAll(() => app.close());

const byMonthAndOwner = {
  object: 'deals',
  groupBy: [{ field: 'closeDate', bucket: 'month' }, 'ownerId'],
  measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }, { fn: 'median', field: 'amount' }],
  range: { field: 'closeDate', from: '2026-01-01', to: '2026-12-31' },
};

describe('reports', () => {
  it('groups deals by month and owner within the range, each row with its drill-down filter', async () => {
    const answer = await run(byMonthAndOwner);
    expect(answer.status, answer.body).toBe(200);
    const { data, capped, labels } = answer.json<ReportAnswer>();
    expect(capped).toBe(false);
    expect(labels.columns).toEqual([
      'Close date (month)',
      'Owner',
      'Count',
      'Sum of Amount',
      'Median of Amount',
    ]);
    expect(labels.values.ownerId[admin.userId]).toBe('Ada Admin');
    expect(Object.keys(labels.values.ownerId).sort()).toEqual([admin.userId, rep.userId].sort());
    expect(data.map((r) => [r.group, r.values])).toEqual([
      [{ closeDate: '2026-01-01', ownerId: admin.userId }, [2, '400.00', '200.00']],
      [{ closeDate: '2026-02-01', ownerId: admin.userId }, [1, '50.00', '50.00']],
      [{ closeDate: '2026-03-01', ownerId: rep.userId }, [1, '1000.00', '1000.00']],
    ]);
    const drilled = await app.call('POST', '/api/v1/deals/query', {
      as: admin.cookie,
      body: { filter: data[0].drill, sort: 'name' },
    });
    expect(drilled.json<{ data: { name: string }[] }>().data.map((d) => d.name)).toEqual(['J1', 'J2']);
  });

  it("groups deals by their account's industry", async () => {
    const answer = await run({
      object: 'deals',
      groupBy: ['accountId.industry'],
      measures: [{ fn: 'distinctCount', field: 'accountId' }, { fn: 'count' }],
    });
    expect(answer.json<ReportAnswer>().data.map((r) => [r.group, r.values])).toEqual([
      [{ 'accountId.industry': 'Retail' }, [1, 2]],
      [{ 'accountId.industry': null }, [0, 3]],
    ]);
    expect(answer.json<ReportAnswer>().labels.columns).toEqual([
      'Account › Industry',
      'Distinct of Account',
      'Count',
    ]);
  });

  it('refuses a field hidden from the caller, naming it, and tells nothing of its values', async () => {
    const hidden = await app.call('PATCH', '/api/v1/metadata/objects/deals/fields/amount', {
      as: admin.cookie,
      body: { access: { rep: 'hidden' } },
    });
    expect(hidden.status, hidden.body).toBe(200);
    const refused = await run(
      { object: 'deals', groupBy: ['amount'], measures: [{ fn: 'count' }] },
      rep.cookie,
    );
    expect(refused.status).toBe(400);
    expect(errors(refused)).toEqual([{ path: 'groupBy.0', message: 'unknown field "amount"' }]);
    const summed = await run({ object: 'deals', measures: [{ fn: 'sum', field: 'amount' }] }, rep.cookie);
    expect(errors(summed)).toEqual([{ path: 'measures.0.field', message: 'unknown field "amount"' }]);
  });

  it('refuses a range of 1,000 years, date buckets without a range, too many buckets, an unknown object', async () => {
    const millennium = await run({
      ...byMonthAndOwner,
      range: { field: 'closeDate', from: '1026-01-01', to: '2026-01-01' },
    });
    expect(millennium.status).toBe(400);
    expect(errors(millennium)).toEqual([
      { path: 'range', message: 'spans 1000 years; a report covers at most 20 years' },
    ]);
    const unbounded = await run({ ...byMonthAndOwner, range: undefined });
    expect(errors(unbounded)).toEqual([
      {
        path: 'groupBy.0.bucket',
        message: 'grouping by date buckets needs a range (range: {field, from, to})',
      },
    ]);
    const daily = await run({
      ...byMonthAndOwner,
      groupBy: [{ field: 'closeDate', bucket: 'day' }],
      range: { field: 'closeDate', from: '2020-01-01', to: '2026-01-01' },
    });
    expect(errors(daily)[0].path).toBe('groupBy.0.bucket');
    expect((await run({ ...byMonthAndOwner, object: 'spaceships' })).status).toBe(400);
  });

  it('exports the rows as CSV and XLSX, in words: headings by label, owners by name', async () => {
    const csv = await app.call('POST', '/api/v1/insights/reports/export?format=csv', {
      as: admin.cookie,
      body: byMonthAndOwner,
    });
    expect(csv.status).toBe(200);
    expect(csv.body.replace('\uFEFF', '').split('\n').slice(0, 2)).toEqual([
      'Close date (month),Owner,Count,Sum of Amount,Median of Amount',
      '2026-01-01,Ada Admin,2,400.00,200.00',
    ]);
    const xlsx = await app.call('POST', '/api/v1/insights/reports/export?format=xlsx', {
      as: admin.cookie,
      body: byMonthAndOwner,
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('exports the chart and the table as a PDF titled with the report name, and refuses other formats', async () => {
    const pdf = await app.call(
      'POST',
      '/api/v1/insights/reports/export?format=pdf&title=Deals%20by%20month',
      {
        as: admin.cookie,
        body: { ...byMonthAndOwner, groupBy: [{ field: 'closeDate', bucket: 'month' }] },
      },
    );
    expect(pdf.status, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="report.pdf"');
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    expect(pdf.body).toContain('(Deals by month)');
    expect(pdf.body.match(/\/Type \/Page\b/g)).toHaveLength(1);
    const bad = await app.call('POST', '/api/v1/insights/reports/export?format=docx', {
      as: admin.cookie,
      body: byMonthAndOwner,
    });
    expect(bad.status).toBe(400);
  });
});

describe('saved reports and dashboards', () => {
  it('saves a report, and refuses one over an unknown object', async () => {
    const saved = await app.call('POST', '/api/v1/reports', {
      as: admin.cookie,
      body: { name: 'Deals by month', chart: 'bar', definition: { ...byMonthAndOwner, chart: 'bar' } },
    });
    expect(saved.status, saved.body).toBe(201);
    const bad = await app.call('POST', '/api/v1/reports', {
      as: admin.cookie,
      body: { name: 'Nope', definition: { ...byMonthAndOwner, object: 'spaceships' } },
    });
    expect(bad.status).toBe(400);
    expect(errors(bad)).toEqual([{ path: 'definition.object', message: 'no object named spaceships' }]);
  });

  it('refuses a dashboard of 200 tiles, and a tile of an unknown measure', async () => {
    const tiles = Array.from({ length: 200 }, (_, i) => ({ id: `t${i}`, kind: 'measure', ref: 'winRate' }));
    const crowded = await app.call('POST', '/api/v1/dashboards', {
      as: admin.cookie,
      body: { name: 'All', tiles },
    });
    expect(crowded.status).toBe(400);
    expect(errors(crowded)[0]).toEqual({ path: 'tiles', message: 'a dashboard holds at most 48 tiles' });
    const unknown = await app.call('POST', '/api/v1/dashboards', {
      as: admin.cookie,
      body: { name: 'One', tiles: [{ id: 'a', kind: 'measure', ref: 'happiness' }] },
    });
    expect(errors(unknown)).toEqual([{ path: 'tiles.0.ref', message: 'no measure named happiness' }]);
    const fine = await app.call('POST', '/api/v1/dashboards', {
      as: admin.cookie,
      body: {
        name: 'Manager',
        defaultForRole: 'manager',
        tiles: tiles.slice(0, 3),
        filters: { period: { from: '2026-01-01', to: '2026-03-31' } },
      },
    });
    expect(fine.status, fine.body).toBe(201);
  });
});
