import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../../../server/testing';
import type { FeedbackItem } from '../contract';

let app: TestApp;
let admin: { cookie: string; userId: string; email: string };
let rep: { cookie: string; userId: string };
let other: { cookie: string; userId: string };
const call = (method: string, url: string, as: string, body?: unknown) => app.call(method, url, { as, body });
const hour = () => new Date(Date.now() + 3_600_000).toISOString();
const weekAgo = () => new Date(Date.now() - 7 * 86_400_000).toISOString();
const valueOf = async (measure: string, from: string, to: string) =>
  (await call('GET', `/api/v1/insights/measures/${measure}/value?from=${from}&to=${to}`, admin.cookie)).json<{
    value: unknown;
  }>().value;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  other = await app.addUser(admin.cookie, 'rep');
});
afterAll(() => app.close());

describe('the monthly usefulness question', () => {
  it('is asked once a month after a week of use; a second answer is a 409; answers feed the usefulness measure', async () => {
    expect((await call('GET', '/api/v1/insights/usefulness', rep.cookie)).json()).toMatchObject({
      due: false,
    });
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE users SET created_at = now() - interval '8 days' WHERE id = ${rep.userId}`),
    );
    expect((await call('GET', '/api/v1/insights/usefulness', rep.cookie)).json()).toMatchObject({
      due: true,
    });
    expect((await call('POST', '/api/v1/insights/usefulness', rep.cookie, { rating: 11 })).status).toBe(400);
    expect(
      (await call('POST', '/api/v1/insights/usefulness', rep.cookie, { rating: 9, comment: 'Quick' })).status,
    ).toBe(201);
    expect((await call('POST', '/api/v1/insights/usefulness', rep.cookie, { rating: 3 })).status).toBe(409);
    expect((await call('GET', '/api/v1/insights/usefulness', rep.cookie)).json()).toMatchObject({
      due: false,
    });
    expect((await call('POST', '/api/v1/insights/usefulness', admin.cookie, { rating: 6 })).status).toBe(201);
    expect(await valueOf('usefulnessRating', weekAgo(), hour())).toBe(7.5);
  });
});

describe('feedback', () => {
  it('keeps a comment with script tags as plain text, and shows authors their own with its status', async () => {
    const comment = '<script>alert(1)</script> the close date is in my way';
    const filed = await call('POST', '/api/v1/insights/feedback', rep.cookie, {
      page: '/o/deals/new',
      object: 'deals',
      field: 'closeDate',
      comment,
    });
    expect(filed.status, filed.body).toBe(201);
    const item = filed.json<FeedbackItem>();
    expect(item).toMatchObject({ comment, status: 'new', field: 'closeDate', object: 'deals' });
    await call('POST', '/api/v1/insights/feedback', other.cookie, {
      page: '/pipeline',
      comment: 'Bigger cards',
    });
    expect(
      (await call('POST', '/api/v1/insights/feedback', rep.cookie, { page: '/', comment: '   ' })).status,
    ).toBe(400);
    expect(
      (await call('POST', '/api/v1/insights/feedback', rep.cookie, { page: '/', field: 'x', comment: 'y' }))
        .status,
    ).toBe(400);

    expect(
      (await call('PATCH', `/api/v1/insights/feedback/${item.id}`, rep.cookie, { status: 'done' })).status,
    ).toBe(403);
    const planned = await call('PATCH', `/api/v1/insights/feedback/${item.id}`, admin.cookie, {
      status: 'planned',
    });
    expect(planned.json()).toMatchObject({ status: 'planned' });
    const mine = (await call('GET', '/api/v1/insights/feedback', rep.cookie)).json<{ data: FeedbackItem[] }>()
      .data;
    expect(mine.map((f) => [f.comment, f.status])).toEqual([[comment, 'planned']]);
    const inbox = (await call('GET', '/api/v1/insights/feedback?limit=1', admin.cookie)).json<{
      data: FeedbackItem[];
      nextCursor: string;
    }>();
    expect(inbox.data.map((f) => f.comment)).toEqual(['Bigger cards']);
    const next = (
      await call('GET', `/api/v1/insights/feedback?limit=1&cursor=${inbox.nextCursor}`, admin.cookie)
    ).json<{
      data: FeedbackItem[];
      nextCursor: null;
    }>();
    expect([next.data.map((f) => f.comment), next.nextCursor]).toEqual([[comment], null]);
  });

  it('counts form friction per field, with "in my way" feedback, for admins', async () => {
    const events = [
      { object: 'deals', field: 'closeDate', kind: 'filled' },
      { object: 'deals', field: 'closeDate', kind: 'cleared' },
      { object: 'deals', field: 'closeDate', kind: 'cleared' },
      { object: 'deals', kind: 'completed', durationMs: 4000 },
      { object: 'deals', kind: 'completed', durationMs: 10000 },
      { object: 'deals', kind: 'abandoned' },
    ];
    expect((await call('POST', '/api/v1/insights/form-events', rep.cookie, { events })).status).toBe(204);
    expect((await call('GET', '/api/v1/insights/friction', rep.cookie)).status).toBe(403);
    const answer = (await call('GET', '/api/v1/insights/friction', admin.cookie)).json();
    expect(answer).toEqual({
      forms: [{ object: 'deals', completed: 2, abandoned: 1, medianSeconds: 7 }],
      fields: [{ object: 'deals', field: 'closeDate', filled: 1, cleared: 2, inMyWay: 1 }],
    });
  });
});

describe('kudos', () => {
  it('goes to a colleague for a practice, not to oneself', async () => {
    const given = await call('POST', '/api/v1/insights/kudos', admin.cookie, {
      toUserId: rep.userId,
      practice: 'nextSteps',
      message: 'Every deal has one',
    });
    expect(given.status, given.body).toBe(201);
    expect(
      (
        await call('POST', '/api/v1/insights/kudos', rep.cookie, {
          toUserId: rep.userId,
          practice: 'nextSteps',
        })
      ).status,
    ).toBe(400);
    const list = (await call('GET', '/api/v1/insights/kudos', other.cookie)).json<{
      data: { practice: string; message: string }[];
    }>();
    expect(list.data).toMatchObject([{ practice: 'nextSteps', message: 'Every deal has one' }]);
  });
});

describe('adoption and data completeness', () => {
  it('weekly active users: 2 of 3 seats used Rapport in the last 7 days', async () => {
    // The admin and the rep sign in this week; the other rep's use is moved a month back.
    const login = await app.call('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: testPassword },
    });
    expect(login.status).toBe(200);
    await app.platform.usage.flush();
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE usage_events SET at = at - interval '30 days' WHERE user_id = ${other.userId}`),
    );
    expect(await valueOf('weeklyActiveUsers', weekAgo(), hour())).toBe(0.6667);
  });

  it('data completeness: 7 of the 13 key fields are filled', async () => {
    // Account: domain, industry, owner filled (employees, phone not): 3 of 5. Contact: email, title: 2 of 4.
    // Deal: amount, account: 2 of 4.
    const account = (
      await call('POST', '/api/v1/accounts', admin.cookie, {
        name: 'Acme',
        domain: 'acme.com',
        industry: 'Retail',
      })
    ).json<{ id: string }>().id;
    await call('POST', '/api/v1/contacts', admin.cookie, {
      firstName: 'Ada',
      email: 'ada@acme.com',
      title: 'CTO',
    });
    await call('POST', '/api/v1/deals', admin.cookie, { name: 'Big', amount: '10', accountId: account });
    expect(await valueOf('dataCompleteness', weekAgo(), hour())).toBe(0.5385);
  });
});
