import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { systemContext } from '../../../server/seed/context';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Pipeline } from '../contract';
import { inBaseCurrency } from './rateSql';

let app: TestApp;
let admin: { cookie: string; workspaceId: string; userId: string };
let rep: { cookie: string };

const stages = [
  { name: 'Talk', probability: 10 },
  { name: 'Trial', probability: 50 },
  { name: 'Signed', probability: 100, outcome: 'won' },
  { name: 'Gone', probability: 0, outcome: 'lost' },
];

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
});
afterAll(() => app.close());

const call = (method: string, url: string, body?: unknown, as = admin.cookie) =>
  app.call(method, url, { as, body });
const errorsOf = (r: { json<T>(): T }) => r.json<{ errors: { path: string; message: string }[] }>().errors;

describe('pipelines as data', () => {
  it('are changed by admins only', async () => {
    const refused = await call('POST', '/api/v1/pipelines', { name: 'Mine', stages }, rep.cookie);
    expect(refused.status).toBe(403);
    const list = await call('GET', '/api/v1/pipelines', undefined, rep.cookie);
    expect(list.json<{ data: Pipeline[] }>().data.map((p) => p.name)).toEqual(['New business']);
  });

  it('refuses stages that do not make a pipeline, naming each problem', async () => {
    const bad = async (body: unknown) => {
      const answer = await call('POST', '/api/v1/pipelines', { name: 'Bad', ...(body as object) });
      expect(answer.status).toBe(400);
      return errorsOf(answer);
    };
    expect(await bad({ stages: stages.slice(0, 2) })).toEqual([
      { path: 'stages', message: 'needs at least one open stage, a won and a lost stage' },
    ]);
    expect(await bad({ stages: stages.map((s) => ({ ...s, outcome: 'won' })) })).toEqual([
      { path: 'stages', message: 'needs exactly one won stage, not 4' },
      { path: 'stages', message: 'needs a lost stage' },
      { path: 'stages', message: 'needs an open stage' },
    ]);
    expect(await bad({ stages: [{ ...stages[0], probability: 120 }, ...stages.slice(1)] })).toEqual([
      { path: 'stages.0.probability', message: 'Too big: expected number to be <=100' },
    ]);
    expect(await bad({ stages: [{ ...stages[0], requiredFields: ['budget'] }, ...stages.slice(1)] })).toEqual(
      [{ path: 'stages.0.requiredFields.0', message: 'deals have no field "budget" to fill' }],
    );
    expect(await bad({ stages: [stages[0], { ...stages[1], name: 'talk' }, ...stages.slice(2)] })).toEqual([
      { path: 'stages.1.name', message: 'is the name of another stage' },
    ]);
  });

  it('keeps stage ids across edits and refuses an id that is not one of its stages', async () => {
    const created = (await call('POST', '/api/v1/pipelines', { name: 'Renewals', stages })).json<Pipeline>();
    const [talk, trial, won, lost] = created.stages;
    const renamed = await call('PATCH', `/api/v1/pipelines/${created.id}`, {
      stages: [{ ...talk, name: 'Call' }, { name: 'Demo', probability: 30 }, trial, won, lost],
    });
    expect(renamed.status).toBe(200);
    const after = renamed.json<Pipeline>().stages;
    expect(after.map((s) => s.name)).toEqual(['Call', 'Demo', 'Trial', 'Signed', 'Gone']);
    expect(after[0].id).toBe(talk.id);
    expect(after[2].id).toBe(trial.id);
    const other = (await call('POST', '/api/v1/pipelines', { name: 'Other', stages })).json<Pipeline>();
    const stolen = await call('PATCH', `/api/v1/pipelines/${created.id}`, {
      stages: [other.stages[0], ...after.slice(1)],
    });
    expect(stolen.status).toBe(400);
    expect(errorsOf(stolen)).toEqual([
      { path: 'stages.0.id', message: `no stage with id ${other.stages[0].id} in this pipeline` },
    ]);
  });

  it('refuses to remove a stage or a pipeline that holds deals, with 409 and the counts', async () => {
    const p = (await call('POST', '/api/v1/pipelines', { name: 'Partners', stages })).json<Pipeline>();
    const deal = await call('POST', '/api/v1/deals', {
      name: 'Partner A',
      pipelineId: p.id,
      stageId: p.stages[1].id,
    });
    expect(deal.status).toBe(201);
    const removed = await call('PATCH', `/api/v1/pipelines/${p.id}`, {
      stages: [p.stages[0], p.stages[2], p.stages[3]],
    });
    expect(removed.status).toBe(409);
    expect(removed.json()).toMatchObject({ stages: [{ id: p.stages[1].id, name: 'Trial', deals: 1 }] });
    const binned = await call('DELETE', `/api/v1/pipelines/${p.id}`);
    expect(binned.status).toBe(409);
    const dealId = deal.json<{ id: string }>().id;
    expect((await call('PATCH', `/api/v1/deals/${dealId}`, { stageId: p.stages[0].id })).status).toBe(200);
    expect(
      (await call('PATCH', `/api/v1/pipelines/${p.id}`, { stages: [p.stages[0], p.stages[2], p.stages[3]] }))
        .status,
    ).toBe(200);
  });

  it('has one default: a new default takes over, and the default cannot simply be removed', async () => {
    const list = await call('GET', '/api/v1/pipelines?filter[isDefault][eq]=true');
    const [first] = list.json<{ data: Pipeline[] }>().data;
    expect((await call('DELETE', `/api/v1/pipelines/${first.id}`)).status).toBe(400);
    const unset = await call('PATCH', `/api/v1/pipelines/${first.id}`, { isDefault: false });
    expect(errorsOf(unset)).toEqual([
      { path: 'isDefault', message: 'make another pipeline the default first' },
    ]);
    const next = await call('POST', '/api/v1/pipelines', { name: 'Main', isDefault: true, stages });
    expect(next.status).toBe(201);
    const defaults = await call('GET', '/api/v1/pipelines?filter[isDefault][eq]=true');
    expect(defaults.json<{ data: Pipeline[] }>().data.map((p) => p.name)).toEqual(['Main']);
    const deal = await call('POST', '/api/v1/deals', { name: 'Goes to Main' });
    expect(deal.json().pipelineId).toBe(next.json().id);
  });
});

describe('exchange rates', () => {
  it('are set by admins and convert an amount at the rate of its day', async () => {
    expect(
      (
        await call(
          'POST',
          '/api/v1/exchange-rates',
          { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' },
          rep.cookie,
        )
      ).status,
    ).toBe(403);
    const bad = await call('POST', '/api/v1/exchange-rates', {
      currency: 'EUX',
      rate: '-1',
      validFrom: '2026-13-01',
    });
    expect(errorsOf(bad).map((e) => e.path)).toEqual(['currency', 'rate', 'validFrom']);
    await call('POST', '/api/v1/exchange-rates', { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' });
    await call('POST', '/api/v1/exchange-rates', { currency: 'EUR', rate: '1.2', validFrom: '2026-07-01' });
    const replaced = await call('POST', '/api/v1/exchange-rates', {
      currency: 'EUR',
      rate: 1.25,
      validFrom: '2026-07-01',
    });
    expect(replaced.status).toBe(201);
    expect(replaced.json()).toMatchObject({ currency: 'EUR', baseCurrency: 'USD', rate: '1.2500000000' });
    const list = await call('GET', '/api/v1/exchange-rates', undefined, rep.cookie);
    expect(list.json<{ data: { validFrom: string }[] }>().data.map((r) => r.validFrom)).toEqual([
      '2026-07-01',
      '2026-01-01',
    ]);

    const ctx = await systemContext(app.db, admin.workspaceId, admin.userId);
    const convert = (amount: string, currency: string, day: string | null) =>
      app.db.read((x) =>
        rows<{ v: string | null }>(
          x,
          sql`SELECT (${inBaseCurrency(ctx, sql`${amount}::numeric`, sql`${currency}::text`, sql`${day}::date`)})::text AS v`,
        ),
      );
    expect(await convert('100.00', 'EUR', '2026-03-31')).toEqual([{ v: '110.00' }]);
    expect(await convert('100.00', 'EUR', '2026-07-01')).toEqual([{ v: '125.00' }]);
    expect(await convert('100.00', 'EUR', '2025-12-31')).toEqual([{ v: null }]);
    expect(await convert('100.00', 'USD', '2025-12-31')).toEqual([{ v: '100.00' }]);
    expect(await convert('100.00', 'GBP', '2026-03-31')).toEqual([{ v: null }]);

    const id = replaced.json<{ id: string }>().id;
    expect((await call('DELETE', `/api/v1/exchange-rates/${id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/exchange-rates/${id}`)).status).toBe(404);
  });
});
