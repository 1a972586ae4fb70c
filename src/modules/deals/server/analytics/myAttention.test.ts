import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../server/testing';
import type { DealsNeedingAttention, Pipeline } from '../../contract';

/** A rep's home: their own open deals that need them (`/me/deals-needing-attention`), and why. */

let app: TestApp;
let admin: { cookie: string; workspaceId: string; userId: string };
let rep: { cookie: string; userId: string };
let pipeline: Pipeline;
const ids: Record<string, string> = {};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function deal(name: string, body: Record<string, unknown>, idleDays = 0) {
  const created = await app.call('POST', '/api/v1/deals', {
    as: admin.cookie,
    body: { name, pipelineId: pipeline.id, stageId: pipeline.stages[0].id, ownerId: rep.userId, ...body },
  });
  expect(created.status, created.body).toBe(201);
  ids[name] = created.json<{ id: string }>().id;
  if (idleDays)
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE deals SET updated_at = now() - make_interval(days => ${idleDays})
        WHERE workspace_id = ${admin.workspaceId} AND id = ${ids[name]}`),
    );
}

const attention = async (as: string, query = '') => {
  const response = await app.call('GET', `/api/v1/me/deals-needing-attention${query}`, { as });
  expect(response.status, response.body).toBe(200);
  return response.json<DealsNeedingAttention>().data;
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  pipeline = (
    await app.call('POST', '/api/v1/pipelines', {
      as: admin.cookie,
      body: {
        name: 'Attention',
        staleAfterDays: 14,
        stages: [
          { name: 'Talk', probability: 10 },
          { name: 'Won', probability: 100 },
          { name: 'Lost', probability: 0 },
        ],
      },
    })
  ).json<Pipeline>();
  await deal('Fine', { closeDate: day(30), nextStep: 'Send the proposal' });
  await deal('Overdue', { closeDate: day(-3), nextStep: 'Chase the signature' });
  await deal('Long overdue', { closeDate: day(-20), nextStep: 'Ask again' }, 20);
  await deal('Idle', { closeDate: day(40), nextStep: 'Call back' }, 20);
  await deal('Idle but called', { closeDate: day(40), nextStep: 'Call back' }, 20);
  await deal('No next step', { closeDate: day(40) });
  await deal('Won overdue', { closeDate: day(-10), stageId: pipeline.stages[1].id });
  // Someone else's overdue deal is theirs to see, not this rep's.
  await deal('Admin overdue', { closeDate: day(-5), ownerId: admin.userId, nextStep: 'Renew' });
  const called = await app.call('POST', '/api/v1/activities', {
    as: rep.cookie,
    body: {
      type: 'call',
      subject: 'Called',
      occurredAt: new Date().toISOString(),
      links: [{ object: 'deals', id: ids['Idle but called'] }],
    },
  });
  expect(called.status, called.body).toBe(201);
});
afterAll(() => app.close());

describe('deals needing attention', () => {
  it("lists only the caller's open deals that need them, worst first, with every reason", async () => {
    const found = await attention(rep.cookie);
    expect(found.map((d) => [d.name, d.reasons])).toEqual([
      ['Long overdue', ['closeDatePassed', 'stale']],
      ['Overdue', ['closeDatePassed']],
      ['Idle', ['stale']],
      ['No next step', ['noNextStep']],
    ]);
    expect(found[0]).toMatchObject({ ownerId: rep.userId, closeDate: day(-20), currency: 'USD' });
    expect(found[0].idleDays).toBeGreaterThanOrEqual(20);
    expect(found[1].idleDays).toBe(0);
  });

  it('takes a limit, and refuses a bad one', async () => {
    expect((await attention(rep.cookie, '?limit=2')).map((d) => d.name)).toEqual(['Long overdue', 'Overdue']);
    const refused = await app.call('GET', '/api/v1/me/deals-needing-attention?limit=0', { as: rep.cookie });
    expect(refused.status).toBe(400);
    const unknown = await app.call('GET', '/api/v1/me/deals-needing-attention?owner=x', { as: rep.cookie });
    expect(unknown.status).toBe(400);
  });

  it('answers a user who owns no deal an empty list, and needs a sign-in', async () => {
    expect(await attention(admin.cookie)).toEqual([
      expect.objectContaining({ name: 'Admin overdue', reasons: ['closeDatePassed'] }),
    ]);
    const other = await app.signup('Elsewhere');
    expect(await attention(other.cookie)).toEqual([]);
    expect((await app.call('GET', '/api/v1/me/deals-needing-attention')).status).toBe(401);
  });
});
