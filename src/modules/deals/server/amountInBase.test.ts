import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Pipeline } from '../contract';
import { refreshAmountsInBase } from './amountInBase';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let pipeline: Pipeline;
let accountId: string;

type Rec = Record<string, unknown> & { id: string };
const call = (method: string, url: string, body?: unknown) =>
  app.call(method, url, { as: admin.cookie, body });
async function created(url: string, body: unknown): Promise<Rec> {
  const response = await call('POST', url, body);
  expect(response.status, response.body).toBe(201);
  return response.json<Rec>();
}
const read = async (url: string) => (await call('GET', url)).json<Rec>();
const stage = (outcome: 'won' | null) => pipeline.stages.find((s) => s.outcome === outcome)!.id;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Base amounts');
  pipeline = (await call('GET', '/api/v1/pipelines')).json<{ data: Pipeline[] }>().data[0];
  accountId = (await created('/api/v1/accounts', { name: 'Globex' })).id;
});
afterAll(() => app.close());

describe("a deal's amount in the base currency", () => {
  it('is stored at the rate of the close date, follows new rates, and rolls up to the account', async () => {
    await created('/api/v1/exchange-rates', { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' });
    const deal = (body: Record<string, unknown>) =>
      created('/api/v1/deals', { name: 'Deal', accountId, stageId: stage(null), ...body });
    const euros = await deal({ amount: '999.99', currency: 'EUR', closeDate: '2026-06-30' });
    const dollars = await deal({ amount: '500' });
    const pounds = await deal({ amount: '100', currency: 'GBP', closeDate: '2026-06-30' });
    // Answered by the create itself; money is rounded once, to cents, after converting.
    expect([euros.amountInBase, dollars.amountInBase, pounds.amountInBase]).toEqual([
      '1099.99',
      '500.00',
      null,
    ]);

    // A rate from before the close date replaces the older one; one after it does not.
    await created('/api/v1/exchange-rates', { currency: 'EUR', rate: '1.2', validFrom: '2026-06-01' });
    await created('/api/v1/exchange-rates', { currency: 'EUR', rate: '9', validFrom: '2026-07-01' });
    expect((await read(`/api/v1/deals/${euros.id}`)).amountInBase).toBe('1199.99');
    // Moving the close date or changing the amount converts again.
    const moved = await call('PATCH', `/api/v1/deals/${euros.id}`, { closeDate: '2026-07-02', amount: '10' });
    expect(moved.json<Rec>().amountInBase).toBe('90.00');

    let account = await read(`/api/v1/accounts/${accountId}`);
    expect([account.openPipeline, account.wonRevenue]).toEqual(['590.00', '0.00']);
    const won = await call('PATCH', `/api/v1/deals/${dollars.id}`, { stageId: stage('won') });
    expect(won.status, won.body).toBe(200);
    account = await read(`/api/v1/accounts/${accountId}`);
    expect([account.openPipeline, account.wonRevenue]).toEqual(['90.00', '500.00']);

    // The metadata says these amounts are in the base currency, whatever the record's own currency.
    const objects = (await read('/api/v1/metadata/objects')).data as Rec[];
    const fieldsOf = (object: string) => objects.find((o) => o.name === object)!.fields as Rec[];
    const inBase = (fields: Rec[]) => fields.filter((f) => f.inBaseCurrency).map((f) => f.name);
    expect(inBase(fieldsOf('deals'))).toEqual(['amountInBase']);
    expect(inBase(fieldsOf('accounts'))).toEqual(
      expect.arrayContaining(['openPipeline', 'wonRevenue', 'lifetimeRevenue', 'lifetimeMargin']),
    );
    expect(fieldsOf('accounts').find((f) => f.name === 'openPipeline')?.group).toBe('Sales');

    // Removing a rate converts at the one before it again.
    const rates = (await call('GET', '/api/v1/exchange-rates')).json<{ data: Rec[] }>().data;
    const july = rates.find((r) => r.validFrom === '2026-07-01')!;
    expect((await call('DELETE', `/api/v1/exchange-rates/${july.id}`)).status).toBe(204);
    expect((await read(`/api/v1/deals/${euros.id}`)).amountInBase).toBe('12.00');
  });

  it('is brought up to date by the nightly refresh, writing only the rows that differ', async () => {
    expect(
      await app.platform.db.write((tx) => refreshAmountsInBase(tx, { workspaceId: admin.workspaceId })),
    ).toBe(0);
    await app.platform.db.write((tx) =>
      tx.execute(`UPDATE deals SET amount_in_base = NULL WHERE workspace_id = '${admin.workspaceId}'`),
    );
    // The euro and dollar deals; the pound deal has no rate and stays empty.
    expect(
      await app.platform.db.write((tx) => refreshAmountsInBase(tx, { workspaceId: admin.workspaceId })),
    ).toBe(2);
  });
});
