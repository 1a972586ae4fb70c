import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Pipeline } from '../contract';

let app: TestApp;
let admin: { cookie: string };
let pipeline: Pipeline;

type Deal = Record<string, unknown> & { id: string; version: number };

const post = (url: string, body: unknown, as = admin.cookie) => app.call('POST', url, { as, body });
const patch = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.call('PATCH', url, { as: admin.cookie, body, headers });

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const created = await post('/api/v1/pipelines', {
    name: 'Enterprise',
    enforceCriteria: true,
    stages: [
      {
        name: 'Qualify',
        probability: 10,
        requiredFields: ['amount', 'closeDate'],
        playbook: 'Find the budget.',
      },
      { name: 'Propose', probability: 40, checklist: ['Proposal sent', 'Pricing approved'] },
      { name: 'Negotiate', probability: 80 },
      { name: 'Won', probability: 100 },
      { name: 'Lost', probability: 0 },
    ],
  });
  expect(created.status).toBe(201);
  pipeline = created.json<Pipeline>();
});
afterAll(() => app.close());

const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

describe('pipelines', () => {
  it('gives every new workspace a default pipeline', async () => {
    const list = await app.call('GET', '/api/v1/pipelines?filter[isDefault][eq]=true', { as: admin.cookie });
    const [only, ...rest] = list.json<{ data: Pipeline[] }>().data;
    expect(rest).toEqual([]);
    expect(only.name).toBe('New business');
    expect(only.stages.map((s) => s.outcome)).toEqual([null, null, null, null, 'won', 'lost']);
  });

  it('assigns stage ids and takes the last two stages as won and lost', () => {
    expect(pipeline.stages.map((s) => [s.name, s.outcome])).toEqual([
      ['Qualify', null],
      ['Propose', null],
      ['Negotiate', null],
      ['Won', 'won'],
      ['Lost', 'lost'],
    ]);
    expect(pipeline.stages.every((s) => /^[0-9a-f-]{36}$/.test(s.id))).toBe(true);
    expect(pipeline.stages[1].checklist).toEqual(['Proposal sent', 'Pricing approved']);
  });
});

describe('deals', () => {
  it('goes to the default pipeline at its first stage, with the stage probability and base currency', async () => {
    const created = await post('/api/v1/deals', { name: 'Acme renewal', amount: '1200.50' });
    expect(created.status).toBe(201);
    const deal = created.json<Deal>();
    const defaults = await app.call('GET', '/api/v1/pipelines?filter[isDefault][eq]=true', {
      as: admin.cookie,
    });
    const fallback = defaults.json<{ data: Pipeline[] }>().data[0];
    expect(deal.pipelineId).toBe(fallback.id);
    expect(deal.stageId).toBe(fallback.stages[0].id);
    expect(deal.probability).toBe(10);
    expect(deal.forecastCategory).toBe('pipeline');
    expect(deal.currency).toBe('USD');
    expect(deal.amount).toBe('1200.50');
    expect(deal.weightedAmount).toBe('120.05');
    const euros = await post('/api/v1/deals', { name: 'Euro deal', amount: 99.9, currency: 'eur' });
    expect(euros.json()).toMatchObject({ currency: 'EUR', amount: '99.90' });
  });

  it('refuses a move past enforced criteria with 409 and the missing list, then lets it through', async () => {
    const deal = (
      await post('/api/v1/deals', { name: 'Globex', pipelineId: pipeline.id, amount: 5000, currency: 'EUR' })
    ).json<Deal>();
    expect(deal.stageId).toBe(stage('Qualify'));
    const refused = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Negotiate') });
    expect(refused.status).toBe(409);
    expect(refused.json().missing).toEqual([
      { field: 'closeDate' },
      { checklistItem: 'Proposal sent' },
      { checklistItem: 'Pricing approved' },
    ]);
    const unchanged = await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin.cookie });
    expect(unchanged.json().version).toBe(1);
    const moved = await patch(`/api/v1/deals/${deal.id}`, {
      stageId: stage('Negotiate'),
      closeDate: '2026-12-15',
      checklist: { 'Proposal sent': true, 'Pricing approved': true },
    });
    expect(moved.status).toBe(200);
    expect(moved.json()).toMatchObject({
      probability: 80,
      forecastCategory: 'commit',
      weightedAmount: '4000.00',
    });
    const history = await app.call('GET', `/api/v1/deals/${deal.id}/stage-history`, { as: admin.cookie });
    const entries = history.json<{
      data: { stageId: string; leftAt: string | null; actor: { type: string } }[];
    }>().data;
    expect(entries.map((e) => e.stageId)).toEqual([stage('Qualify'), stage('Negotiate')]);
    expect(entries[0].leftAt).not.toBeNull();
    expect(entries[1].leftAt).toBeNull();
    expect(entries[1].actor.type).toBe('user');
  });

  it('needs a lost reason to lose a deal, and is closed won when won', async () => {
    const deal = (
      await post('/api/v1/deals', {
        name: 'Initech',
        pipelineId: pipeline.id,
        stageId: stage('Negotiate'),
        amount: '100',
        closeDate: '2026-11-30',
      })
    ).json<Deal>();
    const lost = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Lost') });
    expect(lost.status).toBe(409);
    expect(lost.json().missing).toEqual([{ field: 'lostReason' }]);
    const won = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Won') });
    expect(won.status).toBe(200);
    expect(won.json()).toMatchObject({ forecastCategory: 'closedWon', probability: 100 });
    expect(won.json().closedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('needs a won reason to win where the won stage asks for one, and only there', async () => {
    const stages = pipeline.stages.map((s) =>
      s.outcome === 'won' ? { ...s, requiredFields: ['wonReason'] } : s,
    );
    const asked = await patch(`/api/v1/pipelines/${pipeline.id}`, { stages });
    expect(asked.status).toBe(200);
    const deal = (
      await post('/api/v1/deals', { name: 'Umbrella', pipelineId: pipeline.id, stageId: stage('Negotiate') })
    ).json<Deal>();
    const refused = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Won') });
    expect(refused.status).toBe(409);
    expect(refused.json().missing).toEqual([{ field: 'wonReason' }]);
    const lost = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Lost'), lostReason: 'Price' });
    expect(lost.status).toBe(200);
    const reopened = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Negotiate') });
    expect(reopened.status).toBe(200);
    const created = await post('/api/v1/deals', {
      name: 'Hooli',
      pipelineId: pipeline.id,
      stageId: stage('Won'),
    });
    expect(created.status).toBe(409);
    const won = await patch(`/api/v1/deals/${deal.id}`, { stageId: stage('Won'), wonReason: 'Best fit' });
    expect(won.status).toBe(200);
    expect(won.json()).toMatchObject({ wonReason: 'Best fit', forecastCategory: 'closedWon' });
  });
});
