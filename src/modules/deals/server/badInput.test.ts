import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Pipeline } from '../contract';

let app: TestApp;
let admin: { cookie: string };
let rep: { cookie: string };
let sales: Pipeline;
let partners: Pipeline;

type Problem = { errors?: { path: string; message: string }[]; missing?: unknown[] };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  const pipeline = async (name: string, enforceCriteria: boolean) =>
    (
      await app.call('POST', '/api/v1/pipelines', {
        as: admin.cookie,
        body: {
          name,
          enforceCriteria,
          stages: [
            { name: 'Open', probability: 20, requiredFields: ['nextStep'], checklist: ['Budget confirmed'] },
            { name: 'Committed', probability: 90 },
            { name: 'Won', probability: 100 },
            { name: 'Lost', probability: 0 },
          ],
        },
      })
    ).json<Pipeline>();
  sales = await pipeline('Sales', true);
  partners = await pipeline('Partners', false);
});
afterAll(() => app.close());

async function newDeal(body: Record<string, unknown> = {}) {
  const created = await app.call('POST', '/api/v1/deals', {
    as: admin.cookie,
    body: { name: 'Deal', pipelineId: sales.id, amount: '1000', ...body },
  });
  expect(created.status).toBe(201);
  return created.json<{ id: string; version: number; stageId: string }>();
}

async function countDeals() {
  const list = await app.call('GET', '/api/v1/deals?count=true&limit=1', { as: admin.cookie });
  return list.json<{ total: number }>().total;
}

describe('bad deal input: a precise 4xx, nothing written', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'a stage of another pipeline',
      { stageId: 'PARTNER_STAGE' },
      'stageId',
      'is not a stage of the pipeline "Sales"',
    ],
    [
      'a close date in another format',
      { closeDate: '12/31/2026' },
      'closeDate',
      'must be a date like 2026-11-23',
    ],
    [
      'a close date that does not exist',
      { closeDate: '2026-02-30' },
      'closeDate',
      'must be a date like 2026-11-23',
    ],
    ['a negative amount', { amount: '-5.00' }, 'amount', 'cannot be negative'],
    [
      'an amount with more decimals than the currency',
      { amount: '10.5', currency: 'JPY' },
      'amount',
      'has more decimals than JPY has (0)',
    ],
    [
      'an amount that is not a number',
      { amount: 'lots' },
      'amount',
      'must be a decimal number like "1234.50"',
    ],
    ['an unknown currency', { currency: 'XYZ' }, 'currency', 'is not an ISO 4217 currency code like EUR'],
    [
      'a currency that is not a code',
      { currency: 'E1R' },
      'currency',
      'is not an ISO 4217 currency code like EUR',
    ],
    ['a probability above 100', { probability: 101 }, 'probability', 'must be between 0 and 100'],
    ['a probability below 0', { probability: -1 }, 'probability', 'must be between 0 and 100'],
    [
      'an unknown forecast category',
      { forecastCategory: 'maybe' },
      'forecastCategory',
      'must be one of: pipeline, bestCase, commit, closedWon, omitted',
    ],
    [
      'closed won on an open deal',
      { forecastCategory: 'closedWon' },
      'forecastCategory',
      'can be closedWon only for a won deal',
    ],
    [
      'an unknown contact role',
      { contacts: [{ contactId: '0190a0a0-0000-7000-8000-000000000000', role: 'boss' }] },
      'contacts.0.role',
      '',
    ],
    [
      'a contact that does not exist',
      { contacts: [{ contactId: '0190a0a0-0000-7000-8000-000000000000', role: 'champion' }] },
      'contacts.0.contactId',
      'no contacts record with id 0190a0a0-0000-7000-8000-000000000000',
    ],
  ];
  for (const [what, body, path, message] of cases) {
    it(`refuses ${what} on create and on update`, async () => {
      const resolved = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, v === 'PARTNER_STAGE' ? partners.stages[0].id : v]),
      );
      const before = await countDeals();
      const created = await app.call('POST', '/api/v1/deals', {
        as: admin.cookie,
        body: { name: 'Bad', pipelineId: sales.id, ...resolved },
      });
      expect(created.status).toBe(400);
      const error = created.json<Problem>().errors?.find((e) => e.path === path);
      expect(error?.path).toBe(path);
      if (message) expect(error?.message).toBe(message);
      expect(await countDeals()).toBe(before);

      const deal = await newDeal();
      const updated = await app.call('PATCH', `/api/v1/deals/${deal.id}`, {
        as: admin.cookie,
        body: resolved,
      });
      expect(updated.status).toBe(400);
      expect(updated.json<Problem>().errors?.map((e) => e.path)).toContain(path);
      const again = await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin.cookie });
      expect(again.json().version).toBe(1);
    });
  }

  it('refuses a move that skips enforced criteria with 409 naming each, and changes nothing', async () => {
    const deal = await newDeal();
    const refused = await app.call('PATCH', `/api/v1/deals/${deal.id}`, {
      as: admin.cookie,
      body: { stageId: sales.stages[2].id, amount: '2000' },
    });
    expect(refused.status).toBe(409);
    expect(refused.json<Problem>().missing).toEqual([
      { field: 'nextStep' },
      { checklistItem: 'Budget confirmed' },
    ]);
    const again = await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin.cookie });
    expect(again.json()).toMatchObject({ version: 1, amount: '1000.00', stageId: sales.stages[0].id });
    const history = await app.call('GET', `/api/v1/deals/${deal.id}/stage-history`, { as: admin.cookie });
    expect(history.json<{ data: unknown[] }>().data).toHaveLength(1);
  });

  it('refuses the same move in a bulk update, all or nothing', async () => {
    const ok = await newDeal({ nextStep: 'Call', checklist: { 'Budget confirmed': true } });
    const blocked = await newDeal();
    const bulk = await app.call('POST', '/api/v1/deals/bulk', {
      as: admin.cookie,
      body: {
        update: [
          { id: ok.id, stageId: sales.stages[1].id },
          { id: blocked.id, stageId: sales.stages[1].id },
        ],
      },
    });
    expect(bulk.status).toBe(409);
    expect(bulk.json()).toMatchObject({
      path: 'update.1',
      missing: [{ field: 'nextStep' }, { checklistItem: 'Budget confirmed' }],
    });
    const unchanged = await app.call('GET', `/api/v1/deals/${ok.id}`, { as: admin.cookie });
    expect(unchanged.json().stageId).toBe(sales.stages[0].id);
  });

  it('lets an advisory pipeline move through and records what was skipped', async () => {
    const deal = (
      await app.call('POST', '/api/v1/deals', {
        as: admin.cookie,
        body: { name: 'Partner deal', pipelineId: partners.id },
      })
    ).json<{ id: string }>();
    const moved = await app.call('PATCH', `/api/v1/deals/${deal.id}`, {
      as: admin.cookie,
      body: { stageId: partners.stages[1].id },
    });
    expect(moved.status).toBe(200);
    const history = await app.call('GET', `/api/v1/deals/${deal.id}/stage-history`, { as: admin.cookie });
    const [left, entered] = history.json<{ data: { stageName: string; skipped: unknown[] }[] }>().data;
    expect(left).toMatchObject({
      stageName: 'Open',
      skipped: [{ field: 'nextStep' }, { checklistItem: 'Budget confirmed' }],
    });
    expect(entered).toMatchObject({ stageName: 'Committed', skipped: [] });
  });

  it('answers one of two users moving the same deal at once with 412, and keeps the other move', async () => {
    const me = await app.call('GET', '/api/v1/auth/me', { as: rep.cookie });
    const repId = me.json<{ user: { id: string } }>().user.id;
    const deal = await newDeal({ ownerId: repId, nextStep: 'Call', checklist: { 'Budget confirmed': true } });
    const move = (as: string, stageId: string) =>
      app.call('PATCH', `/api/v1/deals/${deal.id}`, {
        as,
        body: { stageId },
        headers: { 'if-match': '"1"' },
      });
    const answers = await Promise.all([
      move(admin.cookie, sales.stages[1].id),
      move(rep.cookie, sales.stages[3].id),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.status === 200)!.json<{ stageId: string }>();
    const now = await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin.cookie });
    expect(now.json()).toMatchObject({ version: 2, stageId: winner.stageId });
    const history = await app.call('GET', `/api/v1/deals/${deal.id}/stage-history`, { as: admin.cookie });
    expect(history.json<{ data: { stageId: string }[] }>().data.map((e) => e.stageId)).toEqual([
      sales.stages[0].id,
      winner.stageId,
    ]);
  });
});
