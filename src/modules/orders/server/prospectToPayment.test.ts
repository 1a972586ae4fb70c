import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace, type Rec } from '../../quotes/server';
import { rebuildFirstTouches } from '../../activities/server';

/*
 * Three won deals, every date set by hand (UTC):
 *   A "Acme seats" on Acme: first touch a call with Bob, a contact of another company who is on the deal,
 *     2026-03-02 10:00 (before a meeting with Ann of Acme on 03-05; a call with Carl, who has nothing to do
 *     with the deal, on 01-01 does not count); created 03-15 10:00, won 04-14 10:00, booked 04-16 10:00,
 *     paid 05-16 10:00: 13 + 30 + 2 + 30 = 75 days.
 *   B "Globex rollout" on Globex: first touch Globex created as a lead 2026-02-01 00:00 (its industry
 *     changed earlier, on 01-10, which is not a lifecycle change); created 02-11, won 04-20 12:00, booked
 *     04-21, paid 05-01: 10 + 68.5 + 0.5 + 10 = 89 days.
 *   C "Initech pilot" on Initech: no activity, no lifecycle stage, so first touch is the deal's creation
 *     2026-04-10; won 05-10, booked 05-12, unpaid: 0 + 30 + 2.
 */
let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
const run = (query: ReturnType<typeof sql>) => app.db.write((tx) => tx.execute(query));
const at = (value: string) => `${value}:00.000Z`;

async function logCall(object: string, id: string, occurredAt: string) {
  const logged = await w.call('POST', '/api/v1/activities', {
    type: 'call',
    subject: 'Call',
    occurredAt: at(occurredAt),
    links: [{ object, id }],
  });
  expect(logged.status, logged.body).toBe(201);
}

/** Wins the deal through its quote accepted by the customer, then dates each step. */
async function wonDeal(deal: Rec, dates: { created: string; won: string; booked: string; paid?: string }) {
  await w.booked(deal.id, [{ productId: w.hours.id, quantity: 1 }]);
  const pipeline = (await w.call('GET', `/api/v1/pipelines/${String(deal.pipelineId)}`)).json<{
    stages: { id: string; outcome: string | null }[];
  }>();
  const won = await w.call('PATCH', `/api/v1/deals/${deal.id}`, {
    stageId: pipeline.stages.find((s) => s.outcome === 'won')!.id,
  });
  expect(won.status, won.body).toBe(200);
  await run(sql`UPDATE deals SET created_at = ${at(dates.created)}::timestamptz,
    closed_at = ${at(dates.won)}::timestamptz WHERE id = ${deal.id}`);
  await run(sql`UPDATE orders SET booked_at = ${at(dates.booked)}::timestamptz,
    paid_at = ${dates.paid ? at(dates.paid) : null}::timestamptz WHERE deal_id = ${deal.id}`);
}

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
  const partner = await w.created('/api/v1/accounts', { name: 'Partner Co' });
  const ann = await w.created('/api/v1/contacts', { firstName: 'Ann', accountId: w.account.id });
  const bob = await w.created('/api/v1/contacts', { firstName: 'Bob', accountId: partner.id });
  const carl = await w.created('/api/v1/contacts', { firstName: 'Carl' });
  const onDeal = await w.call('PATCH', `/api/v1/deals/${w.deal.id}`, {
    contacts: [{ contactId: bob.id, role: 'champion' }],
  });
  expect(onDeal.status, onDeal.body).toBe(200);
  await logCall('contacts', carl.id, '2026-01-01T09:00');
  await logCall('contacts', bob.id, '2026-03-02T10:00');
  await logCall('contacts', ann.id, '2026-03-05T10:00');
  await wonDeal(w.deal, {
    created: '2026-03-15T10:00',
    won: '2026-04-14T10:00',
    booked: '2026-04-16T10:00',
    paid: '2026-05-16T10:00',
  });

  const globex = await w.created('/api/v1/accounts', { name: 'Globex', lifecycleStage: 'lead' });
  await run(sql`UPDATE record_history SET at = ${at('2026-02-01T00:00')}::timestamptz
    WHERE object = 'accounts' AND record_id = ${globex.id}`);
  const industry = await w.call('PATCH', `/api/v1/accounts/${globex.id}`, { industry: 'Energy' });
  expect(industry.status, industry.body).toBe(200);
  await run(sql`UPDATE record_history SET at = ${at('2026-01-10T00:00')}::timestamptz
    WHERE object = 'accounts' AND record_id = ${globex.id} AND changes @> '[{"field": "industry"}]'::jsonb`);
  // History dated by hand, outside the write path: the first touches kept from it follow.
  await app.db.write((tx) => rebuildFirstTouches(tx, w.admin.workspaceId));
  await logCall('accounts', globex.id, '2026-02-20T00:00');
  const rollout = await w.created('/api/v1/deals', {
    name: 'Globex rollout',
    accountId: globex.id,
    currency: 'EUR',
  });
  await wonDeal(rollout, {
    created: '2026-02-11T00:00',
    won: '2026-04-20T12:00',
    booked: '2026-04-21T00:00',
    paid: '2026-05-01T00:00',
  });

  const initech = await w.created('/api/v1/accounts', { name: 'Initech' });
  const pilot = await w.created('/api/v1/deals', {
    name: 'Initech pilot',
    accountId: initech.id,
    currency: 'EUR',
  });
  await wonDeal(pilot, { created: '2026-04-10T00:00', won: '2026-05-10T00:00', booked: '2026-05-12T00:00' });
});
afterAll(() => app.close());

describe('prospect to payment', () => {
  it("takes first touch from the earliest activity or lifecycle change of the deal's account and people", async () => {
    const cycle = await w.call('GET', '/api/v1/orders/cycle');
    expect(cycle.status, cycle.body).toBe(200);
    const rows = cycle.json<{ data: Record<string, unknown>[] }>().data;
    expect(rows.map(({ dealId: _, accountId: __, ...row }) => row)).toEqual([
      {
        dealName: 'Initech pilot',
        firstTouchAt: '2026-04-10T00:00:00.000Z',
        dealCreatedAt: '2026-04-10T00:00:00.000Z',
        wonAt: '2026-05-10T00:00:00.000Z',
        bookedAt: '2026-05-12T00:00:00.000Z',
        paidAt: null,
        daysToDeal: 0,
        daysToWin: 30,
        daysToBook: 2,
        daysToPay: null,
        prospectToPaymentDays: null,
      },
      {
        dealName: 'Globex rollout',
        firstTouchAt: '2026-02-01T00:00:00.000Z',
        dealCreatedAt: '2026-02-11T00:00:00.000Z',
        wonAt: '2026-04-20T12:00:00.000Z',
        bookedAt: '2026-04-21T00:00:00.000Z',
        paidAt: '2026-05-01T00:00:00.000Z',
        daysToDeal: 10,
        daysToWin: 68.5,
        daysToBook: 0.5,
        daysToPay: 10,
        prospectToPaymentDays: 89,
      },
      {
        dealName: 'Acme seats',
        firstTouchAt: '2026-03-02T10:00:00.000Z',
        dealCreatedAt: '2026-03-15T10:00:00.000Z',
        wonAt: '2026-04-14T10:00:00.000Z',
        bookedAt: '2026-04-16T10:00:00.000Z',
        paidAt: '2026-05-16T10:00:00.000Z',
        daysToDeal: 13,
        daysToWin: 30,
        daysToBook: 2,
        daysToPay: 30,
        prospectToPaymentDays: 75,
      },
    ]);
  });

  it('gives the median days of each step by month and by quarter of winning', async () => {
    const byMonth = (await w.call('GET', '/api/v1/orders/cycle')).json<{ byPeriod: unknown[] }>().byPeriod;
    expect(byMonth).toEqual([
      {
        period: '2026-04',
        wonDeals: 2,
        paidDeals: 2,
        medianDaysToDeal: 11.5,
        medianDaysToWin: 49.3,
        medianDaysToBook: 1.3,
        medianDaysToPay: 20,
        medianProspectToPaymentDays: 82,
        averageProspectToPaymentDays: 82,
      },
      {
        period: '2026-05',
        wonDeals: 1,
        paidDeals: 0,
        medianDaysToDeal: 0,
        medianDaysToWin: 30,
        medianDaysToBook: 2,
        medianDaysToPay: null,
        medianProspectToPaymentDays: null,
        averageProspectToPaymentDays: null,
      },
    ]);
    const quarterly = (await w.call('GET', '/api/v1/orders/cycle?period=quarter')).json<{
      overall: unknown;
      byPeriod: unknown[];
    }>();
    const secondQuarter = {
      wonDeals: 3,
      paidDeals: 2,
      medianDaysToDeal: 10,
      medianDaysToWin: 30,
      medianDaysToBook: 2,
      medianDaysToPay: 20,
      medianProspectToPaymentDays: 82,
      averageProspectToPaymentDays: 82,
    };
    expect(quarterly.byPeriod).toEqual([{ period: '2026-Q2', ...secondQuarter }]);
    expect(quarterly.overall).toEqual(secondQuarter);
  });

  it('keeps to the deals won in the range, and refuses what it does not know', async () => {
    const may = (await w.call('GET', '/api/v1/orders/cycle?from=2026-05-01&to=2026-05-31')).json<{
      data: { dealName: string }[];
    }>();
    expect(may.data.map((d) => d.dealName)).toEqual(['Initech pilot']);
    expect((await w.call('GET', '/api/v1/orders/cycle?from=yesterday')).status).toBe(400);
    expect((await w.call('GET', '/api/v1/orders/cycle?period=week')).status).toBe(400);
  });
});
