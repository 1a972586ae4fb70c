import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { LeadQueue, QueuedLead, SpeedToLead } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string };
let ann: { cookie: string; userId: string };
let ben: { cookie: string; userId: string };
const ids: Record<string, string> = {};

const call = (method: string, url: string, body?: unknown, as = admin.cookie) =>
  app.call(method, url, { as, body });

// Leads captured 20 days ago and after, at known times, so every figure below is exact.
const day0 = new Date(
  Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 20),
);
const at = (days: number, minutes: number) => new Date(day0.getTime() + (days * 1440 + minutes) * 60_000);
const dayText = (days: number) => at(days, 0).toISOString().slice(0, 10);

async function lead(name: string, ownerId: string, capturedAt: Date, extra: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/v1/contacts', {
    lastName: name,
    lifecycleStage: 'lead',
    leadStatus: 'new',
    ownerId,
    ...extra,
  });
  expect(created.status, created.body).toBe(201);
  ids[name] = created.json<{ id: string }>().id;
  await app.db.write((tx) =>
    tx.execute(
      sql`UPDATE contacts SET created_at = ${capturedAt.toISOString()}::timestamptz WHERE id = ${ids[name]}`,
    ),
  );
}

async function activity(name: string, type: string, occurredAt: Date, direction?: string) {
  const body = {
    type,
    subject: type,
    occurredAt: occurredAt.toISOString(),
    links: [{ object: 'contacts', id: ids[name] }],
  };
  const created = await call('POST', '/api/v1/activities', direction ? { ...body, direction } : body);
  expect(created.status, created.body).toBe(201);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Queue');
  const north = (await call('POST', '/api/v1/teams', { name: 'North' })).json<{ id: string }>().id;
  const south = (await call('POST', '/api/v1/teams', { name: 'South' })).json<{ id: string }>().id;
  ann = await app.addUser(admin.cookie, 'rep', north);
  ben = await app.addUser(admin.cookie, 'rep', south);
  await lead('One', ann.userId, at(0, 600));
  await lead('Two', ann.userId, at(1, 540), { leadStatus: 'working' });
  await lead('Three', ann.userId, at(2, 0), { title: 'CTO' });
  await lead('Done', ann.userId, at(2, 60), { leadStatus: 'qualified' });
  await lead('Four', ben.userId, at(3, 480));
  await lead('Early', ben.userId, at(-5, 0));
  await activity('One', 'call', at(0, 610), 'outbound');
  await activity('Two', 'email', at(1, 545), 'inbound');
  await activity('Two', 'email', at(1, 600), 'outbound');
  await activity('Three', 'note', at(2, 5));
  await activity('Four', 'meeting', at(3, 510));
  await activity('Early', 'call', at(-5, 1), 'outbound');
  await call('POST', '/api/v1/leads/scoring-rules', {
    label: 'Decision maker',
    kind: 'fit',
    points: 20,
    condition: { field: 'title', op: 'eq', value: 'CTO' },
  });
});
afterAll(() => app?.close());

describe("a rep's lead queue", () => {
  it('answers open leads, best score first then oldest, with age and first touch', async () => {
    const queue = await call('GET', '/api/v1/leads/queue', undefined, ann.cookie);
    expect(queue.status, queue.body).toBe(200);
    const { data, nextCursor } = queue.json<LeadQueue>();
    expect(nextCursor).toBeNull();
    expect(data.map((l) => [l.name, l.score, l.touched, l.leadStatus])).toEqual([
      ['Three', 20, false, 'new'],
      ['One', 0, true, 'new'],
      ['Two', 0, true, 'working'],
    ]);
    expect(data[0].reasons).toEqual([{ label: 'Decision maker', points: 20 }]);
    expect(data[1]).toMatchObject({
      capturedAt: at(0, 600).toISOString(),
      firstTouchAt: at(0, 610).toISOString(),
    });
    expect(data[2].firstTouchAt).toBe(at(1, 600).toISOString());
    const age = (Date.now() - at(0, 600).getTime()) / 60_000;
    expect(Math.abs(data[1].ageMinutes - age)).toBeLessThan(2);
  });

  it('pages by cursor, visiting each lead once', async () => {
    const seen: QueuedLead[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/leads/queue?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call('GET', url, undefined, ann.cookie)).json<LeadQueue>();
      expect(page.data.length).toBe(1);
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((l) => l.name)).toEqual(['Three', 'One', 'Two']);
    expect((await call('GET', '/api/v1/leads/queue?cursor=nonsense', undefined, ann.cookie)).status).toBe(
      400,
    );
    expect((await call('GET', '/api/v1/leads/queue?limit=0', undefined, ann.cookie)).status).toBe(400);
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const parts of [
      [1e12, '0', ids.One],
      [0, '99999999999999999', ids.One],
      [0, '2026-01-01', ids.One],
    ])
      expect(
        (await call('GET', `/api/v1/leads/queue?cursor=${forged(parts)}`, undefined, ann.cookie)).status,
      ).toBe(400);
  });

  it("shows each rep only their own leads, and nothing of another workspace's", async () => {
    const bens = (await call('GET', '/api/v1/leads/queue', undefined, ben.cookie)).json<LeadQueue>();
    expect(bens.data.map((l) => l.name)).toEqual(['Early', 'Four']);
    expect((await call('GET', '/api/v1/leads/queue')).json<LeadQueue>().data).toEqual([]);
    const other = await app.signup('Elsewhere');
    expect(
      (await call('GET', '/api/v1/leads/queue', undefined, other.cookie)).json<LeadQueue>().data,
    ).toEqual([]);
    const speed = await call(
      'GET',
      `/api/v1/leads/speed?from=${dayText(-10)}&to=${dayText(5)}`,
      undefined,
      other.cookie,
    );
    expect(speed.json<SpeedToLead>().totals).toMatchObject({ leads: 0, medianMinutes: null });
  });
});

describe('speed to lead', () => {
  const period = () => `from=${dayText(0)}&to=${dayText(3)}`;

  it('measures capture to first touch per rep', async () => {
    const speed = await call('GET', `/api/v1/leads/speed?${period()}`, undefined, ann.cookie);
    expect(speed.status, speed.body).toBe(200);
    const { rows, totals } = speed.json<SpeedToLead>();
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    // Ann: 10 and 60 minutes, two untouched (no conversation yet); Ben: 30 minutes (a meeting).
    expect(byKey[ann.userId]).toMatchObject({
      leads: 4,
      touched: 2,
      untouched: 2,
      medianMinutes: 35,
      p90Minutes: 55,
    });
    expect(byKey[ben.userId]).toMatchObject({
      leads: 1,
      touched: 1,
      untouched: 0,
      medianMinutes: 30,
      p90Minutes: 30,
    });
    expect(totals).toEqual({
      key: null,
      name: 'All',
      leads: 5,
      touched: 3,
      untouched: 2,
      medianMinutes: 30,
      p90Minutes: 54,
    });
  });

  it('measures per team, and refuses a bad period', async () => {
    const speed = (await call('GET', `/api/v1/leads/speed?${period()}&by=team`)).json<SpeedToLead>();
    expect(speed.rows.map((r) => [r.name, r.leads, r.medianMinutes])).toEqual([
      ['North', 4, 35],
      ['South', 1, 30],
    ]);
    expect((await call('GET', `/api/v1/leads/speed?from=${dayText(3)}&to=${dayText(0)}`)).status).toBe(400);
    expect((await call('GET', '/api/v1/leads/speed?from=yesterday&to=today')).status).toBe(400);
    expect((await call('GET', '/api/v1/leads/speed?from=0000-01-01&to=2026-01-01')).status).toBe(400);
  });
});
