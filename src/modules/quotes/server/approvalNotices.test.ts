import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { RecordEvent } from '../../../server/events/outbox';
import { deliverApprovalNotices } from './approvalNotices';
import { expireQuotes } from './expiry';
import { mailReceiver } from './mailReceiver';
import { quoteTestWorkspace, type Rec } from './testWorkspace';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
let mail: Awaited<ReturnType<typeof mailReceiver>>;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
  w = await quoteTestWorkspace(app);
  mail = await mailReceiver();
  await app.platform.jobs.start();
});
afterAll(async () => {
  await app.close();
  await mail.close();
});

interface Notice {
  kind: string;
  title: string;
}
const noticesOf = async (cookie: string) =>
  (await app.call('GET', '/api/v1/me/notifications', { as: cookie })).json<{ data: Notice[] }>().data;

/** Polls until the job queue has delivered `count` notices to the user. */
async function waitForNotices(cookie: string, count: number) {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = (await noticesOf(cookie)).filter((n) => n.kind === 'quoteApproval');
    if (found.length >= count || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Polls until `count` emails with the notice's subject have arrived. */
async function emailsTitled(title: string, count: number) {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = mail.received.filter((m) => m.subject === title);
    if (found.length >= count || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('approval notices', () => {
  it('tell managers and admins of a request, by app and email, and the requester of the decision', async () => {
    await mail.configure(app, w.admin.cookie);
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: '10' });
    const quote = await w.created(
      '/api/v1/quotes',
      { dealId: w.deal.id, lines: [{ productId: w.seat.id, quantity: 10, discountPercent: 15 }] },
      w.rep.cookie,
    );
    const title = String(quote.title);
    const asked = await w.call(
      'PATCH',
      `/api/v1/quotes/${quote.id}`,
      { status: 'pendingApproval', approvalComment: 'Competitive deal' },
      w.rep.cookie,
    );
    expect(asked.status).toBe(200);
    const [forManager] = await waitForNotices(w.manager.cookie, 1);
    expect(forManager.title.replace(/^rep \d+ /, 'REP ')).toBe(
      `REP asks for your approval of ${title} (a 15% discount): Competitive deal`,
    );
    expect((await waitForNotices(w.admin.cookie, 1)).map((n) => n.title)).toEqual([forManager.title]);
    expect((await noticesOf(w.rep.cookie)).filter((n) => n.kind === 'quoteApproval')).toEqual([]);
    const emailed = await emailsTitled(forManager.title, 2);
    expect(emailed.map((m) => (m.to as { text: string }).text).sort()).toEqual(
      [w.admin.email, w.manager.email].sort(),
    );

    const decided = await w.call(
      'PATCH',
      `/api/v1/quotes/${quote.id}`,
      { status: 'approved', approvalComment: 'Fine this once' },
      w.manager.cookie,
    );
    expect(decided.status).toBe(200);
    const [forRep] = await waitForNotices(w.rep.cookie, 1);
    expect(forRep.title.replace(/^manager \d+ /, 'MANAGER ')).toBe(
      `MANAGER approved ${title}: Fine this once`,
    );
    expect((await emailsTitled(forRep.title, 1)).map((m) => (m.to as { text: string }).text)).toEqual([
      w.rep.email,
    ]);
    // Delivered once each, though the queue may run a handler again.
    expect(await waitForNotices(w.manager.cookie, 1)).toHaveLength(1);

    // A manager who asks and then decides hears of neither step: the admin hears of the request.
    const own = await w.created(
      '/api/v1/quotes',
      { dealId: w.deal.id, lines: [{ productId: w.seat.id, quantity: 10, discountPercent: 12 }] },
      w.manager.cookie,
    );
    for (const status of ['pendingApproval', 'approved'])
      expect((await w.call('PATCH', `/api/v1/quotes/${own.id}`, { status }, w.manager.cookie)).status).toBe(
        200,
      );
    expect(await waitForNotices(w.admin.cookie, 2)).toHaveLength(2);
    // Delivering again settles the decision's step whether or not the queue has run it yet.
    await deliverApprovalNotices(app.platform, {
      workspaceId: w.admin.workspaceId,
      recordId: String(own.id),
      fields: ['status'],
    } as RecordEvent);
    expect(await waitForNotices(w.manager.cookie, 1)).toHaveLength(1);
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: null });
  });
});

describe('quote expiry', () => {
  it('moves sent quotes past their date to expired, and no others', async () => {
    const make = async () =>
      w.created('/api/v1/quotes', { dealId: w.deal.id, lines: [{ productId: w.seat.id, quantity: 1 }] });
    const [past, current, draft] = [await make(), await make(), await make()];
    for (const q of [past, current])
      expect((await w.call('PATCH', `/api/v1/quotes/${q.id}`, { status: 'sent' })).status).toBe(200);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const q of [past, draft])
      expect((await w.call('PATCH', `/api/v1/quotes/${q.id}`, { validUntil: yesterday })).status).toBe(200);

    expect(await expireQuotes(app.platform, w.admin.workspaceId)).toBe(1);
    const statusOf = async (q: Rec) => (await w.call('GET', `/api/v1/quotes/${q.id}`)).json<Rec>().status;
    expect([await statusOf(past), await statusOf(current), await statusOf(draft)]).toEqual([
      'expired',
      'sent',
      'draft',
    ]);
    expect(await expireQuotes(app.platform, w.admin.workspaceId)).toBe(0);
    const history = (await w.call('GET', `/api/v1/quotes/${past.id}/history`)).json<{
      data: { actor: { name: string }; changes: { field: string; to: unknown }[] }[];
    }>().data;
    expect(history[0].actor.name).toBe('Quote validity');
    const schedule = await app.platform.db.read((x) =>
      rows<{ cron: string }>(x, sql`SELECT cron FROM pgboss.schedule WHERE name = 'quotes.expire'`),
    );
    expect(schedule).toEqual([{ cron: '11 * * * *' }]);
  });
});
