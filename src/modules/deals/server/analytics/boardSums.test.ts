import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../server/testing';
import type { BoardTotals, Pipeline } from '../../contract';
import { rebuildBoardSums } from './boardSums';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let rep: { cookie: string; userId: string };
let pipeline: Pipeline;

const call = (method: string, url: string, body?: unknown, as = admin.cookie) =>
  app.call(method, url, { as, body });
const stage = (i: number) => pipeline.stages[i].id;
const columns = async (query = '', as = admin.cookie) =>
  (await call('GET', `/api/v1/pipelines/${pipeline.id}/board-totals${query}`, undefined, as))
    .json<BoardTotals>()
    .columns.map((c) => [c.count, c.amount, c.weighted, c.unconverted]);

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Board sums');
  rep = await app.addUser(admin.cookie, 'rep');
  pipeline = (await call('GET', '/api/v1/pipelines')).json<{ data: Pipeline[] }>().data[0];
});
afterAll(() => app.close());

describe('kept board sums', () => {
  it('stay equal to the deals they sum through creates, moves, edits, deletes, restores and new rates', async () => {
    await call('POST', '/api/v1/exchange-rates', { currency: 'EUR', rate: '1.5', validFrom: '2026-01-01' });
    const made: string[] = [];
    const deal = async (body: Record<string, unknown>, as = admin.cookie) => {
      const r = await call('POST', '/api/v1/deals', { closeDate: '2026-12-15', ...body }, as);
      expect(r.status, r.body).toBe(201);
      made.push(r.json<{ id: string }>().id);
    };
    await deal({ name: 'A', amount: '100.10', stageId: stage(0) });
    await deal({ name: 'B', amount: '200', currency: 'EUR', stageId: stage(1) });
    await deal({ name: 'C', amount: '50', currency: 'GBP', stageId: stage(1) });
    await deal({ name: 'D', amount: '999.99', stageId: stage(2) }, rep.cookie);
    await deal({ name: 'E', stageId: stage(0) });
    await call('PATCH', `/api/v1/deals/${made[0]}`, { stageId: stage(2), amount: '120' });
    await call('PATCH', `/api/v1/deals/${made[3]}`, { probability: 35 }, rep.cookie);
    await call('DELETE', `/api/v1/deals/${made[1]}`);
    await call('POST', `/api/v1/deals/bulk`, { restore: [made[1]] });
    await call('DELETE', `/api/v1/deals/${made[4]}`);
    // Every deal has a close date, so this filter reads the deals themselves, not the kept sums.
    expect(await columns()).toEqual(await columns('?closeFrom=2000-01-01'));
    await call('POST', '/api/v1/exchange-rates', { currency: 'GBP', rate: '1.25', validFrom: '2026-01-01' });

    const kept = await columns();
    expect(await columns('?closeFrom=2000-01-01')).toEqual(kept);
    await app.platform.db.write((tx) => rebuildBoardSums(tx, admin.workspaceId));
    expect(await columns()).toEqual(kept);
    // B (200 EUR at 1.5) and C (50 GBP at the rate set after it was made) in the second stage; E deleted.
    expect(kept[0]).toEqual([0, '0.00', '0.00', 0]);
    expect(kept[1].slice(0, 2)).toEqual([2, '362.50']);
    expect(kept[2].slice(0, 2)).toEqual([2, '1119.99']);
    // A rep sees the sums of their own deals only.
    expect((await columns('', rep.cookie))[2]).toEqual([1, '999.99', '350.00', 0]);
  });
});
