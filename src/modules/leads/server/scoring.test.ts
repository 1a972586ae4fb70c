import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { LeadScore, ScoringRule } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string };
let rep: { cookie: string; userId: string };

const call = (method: string, url: string, body?: unknown, as = admin.cookie) =>
  app.call(method, url, { as, body });

async function created(method: string, url: string, body: unknown, as = admin.cookie) {
  const response = await call(method, url, body, as);
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>();
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const daysAgo = (n: number) => minutesAgo(n * 24 * 60);

let accountId: string;
let ada: string;
let bob: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Scoring');
  rep = await app.addUser(admin.cookie, 'rep');
  accountId = (
    await created('POST', '/api/v1/accounts', { name: 'Acme', industry: 'Retail', employees: 500 })
  ).id;
  const lead = { lifecycleStage: 'lead', leadStatus: 'new', ownerId: rep.userId };
  ada = (
    await created('POST', '/api/v1/contacts', {
      ...lead,
      firstName: 'Ada',
      lastName: 'L',
      title: 'CTO',
      accountId,
    })
  ).id;
  bob = (
    await created('POST', '/api/v1/contacts', { ...lead, firstName: 'Bob', lastName: 'M', title: 'Intern' })
  ).id;
  const email = (direction: string, at: string) => ({
    type: 'email',
    direction,
    subject: 'Hello',
    occurredAt: at,
    links: [{ object: 'contacts', id: ada }],
  });
  await created('POST', '/api/v1/activities', email('inbound', daysAgo(2)));
  await created('POST', '/api/v1/activities', email('inbound', daysAgo(60)));
});
afterAll(() => app?.close());

describe('lead scoring rules', () => {
  const rules: ScoringRule[] = [];

  it('adds rules on fields, on the account and on recent activity', async () => {
    const inputs = [
      {
        label: 'Decision maker',
        kind: 'fit',
        points: 20,
        condition: { field: 'title', op: 'eq', value: 'CTO' },
      },
      {
        label: 'Large company',
        kind: 'fit',
        points: 15,
        condition: { field: 'accountId.employees', op: 'gte', value: 100 },
      },
      {
        label: 'Intern',
        kind: 'fit',
        points: -5,
        condition: { field: 'title', op: 'contains', value: 'intern' },
      },
      {
        label: 'Wrote to us this month',
        kind: 'engagement',
        points: 10,
        activity: { types: ['email'], direction: 'inbound', withinDays: 30 },
      },
      {
        label: 'Wrote twice this month',
        kind: 'engagement',
        points: 7,
        activity: { types: ['email'], withinDays: 30, atLeast: 2 },
      },
    ];
    for (const input of inputs)
      rules.push((await created('POST', '/api/v1/leads/scoring-rules', input)) as ScoringRule);
    expect(rules[3]).toMatchObject({
      label: 'Wrote to us this month',
      condition: null,
      activity: { atLeast: 1 },
    });
    const listed = await call('GET', '/api/v1/leads/scoring-rules', undefined, rep.cookie);
    expect(listed.json<{ data: ScoringRule[] }>().data.map((r) => r.label)).toEqual(
      inputs.map((i) => i.label),
    );
  });

  it('scores a lead with the reasons, fit and engagement apart', async () => {
    const score = await call('GET', `/api/v1/contacts/${ada}/lead-score`, undefined, rep.cookie);
    expect(score.status, score.body).toBe(200);
    expect(score.json<LeadScore>()).toEqual({
      score: 45,
      fit: 35,
      engagement: 10,
      reasons: [
        { label: 'Decision maker', points: 20 },
        { label: 'Large company', points: 15 },
        { label: 'Wrote to us this month', points: 10 },
      ],
    });
    expect((await call('GET', `/api/v1/contacts/${bob}/lead-score`)).json<LeadScore>()).toEqual({
      score: -5,
      fit: -5,
      engagement: 0,
      reasons: [{ label: 'Intern', points: -5 }],
    });
  });

  it('changes and removes a rule, and the score follows', async () => {
    const changed = await call('PATCH', `/api/v1/leads/scoring-rules/${rules[0].id}`, { points: 30 });
    expect(changed.status, changed.body).toBe(200);
    expect(changed.json<ScoringRule>()).toMatchObject({ points: 30, condition: { field: 'title' } });
    expect((await call('DELETE', `/api/v1/leads/scoring-rules/${rules[1].id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/contacts/${ada}/lead-score`)).json<LeadScore>()).toMatchObject({
      score: 40,
      fit: 30,
    });
    expect((await call('DELETE', `/api/v1/leads/scoring-rules/${rules[1].id}`)).status).toBe(404);
  });

  it('refuses a rule on an unknown field, a bad operator or with no condition, naming it', async () => {
    const bad = async (body: unknown) => {
      const response = await call('POST', '/api/v1/leads/scoring-rules', body);
      expect(response.status, response.body).toBe(400);
      return response.json<{ errors: { path: string; message: string }[] }>().errors;
    };
    const base = { label: 'x', kind: 'fit', points: 1 };
    expect(await bad({ ...base, condition: { field: 'shoeSize', op: 'eq', value: 1 } })).toEqual([
      { path: 'condition', message: 'unknown field "shoeSize"' },
    ]);
    const op = await bad({ ...base, condition: { field: 'birthday', op: 'contains', value: 'x' } });
    expect(op[0].path).toBe('condition');
    expect(op[0].message).toContain('birthday');
    expect((await bad({ ...base, condition: { field: 'title', op: 'like', value: 'x' } }))[0].path).toBe(
      'condition.op',
    );
    expect((await bad(base))[0].path).toBe('condition');
    const patched = await call('PATCH', `/api/v1/leads/scoring-rules/${rules[0].id}`, {
      condition: { field: 'nope', op: 'eq', value: 1 },
    });
    expect(patched.status).toBe(400);
  });

  it('lets only admins change rules', async () => {
    const body = { label: 'x', kind: 'fit', points: 1, condition: { field: 'title', op: 'eq', value: 'x' } };
    expect((await call('POST', '/api/v1/leads/scoring-rules', body, rep.cookie)).status).toBe(403);
    expect(
      (await call('PATCH', `/api/v1/leads/scoring-rules/${rules[0].id}`, { points: 1 }, rep.cookie)).status,
    ).toBe(403);
    expect(
      (await call('DELETE', `/api/v1/leads/scoring-rules/${rules[0].id}`, undefined, rep.cookie)).status,
    ).toBe(403);
  });

  it("never shows another workspace's rules or leads", async () => {
    const other = await app.signup('Elsewhere');
    const theirs = await call('GET', '/api/v1/leads/scoring-rules', undefined, other.cookie);
    expect(theirs.json<{ data: unknown[] }>().data).toEqual([]);
    expect((await call('GET', `/api/v1/contacts/${ada}/lead-score`, undefined, other.cookie)).status).toBe(
      404,
    );
    expect(
      (await call('PATCH', `/api/v1/leads/scoring-rules/${rules[0].id}`, { points: 1 }, other.cookie)).status,
    ).toBe(404);
  });
});
