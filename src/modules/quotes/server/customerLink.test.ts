import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { quoteTestWorkspace, type Rec } from './testWorkspace';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;

beforeAll(async () => {
  app = await createTestApp();
  w = await quoteTestWorkspace(app);
});
afterAll(() => app.close());

async function sharedQuote() {
  const quote = await w.created('/api/v1/quotes', {
    dealId: w.deal.id,
    lines: [{ productId: w.hours.id, quantity: 3 }],
  });
  const shared = await w.call('POST', `/api/v1/quotes/${quote.id}/share`, {});
  expect(shared.status, shared.body).toBe(201);
  const link = shared.json<{ url: string; token: string; expiresAt: string }>();
  return { quote, link };
}
const publicCall = (method: string, url: string, body?: unknown, remoteAddress = '203.0.113.7') =>
  app.call(method, url, { body, remoteAddress });

describe('customer link', () => {
  it('marks the quote sent and shows only the quote, to anyone holding the token', async () => {
    const { quote, link } = await sharedQuote();
    expect(link.url).toMatch(/\/q\/rq_[A-Za-z0-9_-]{43}$/);
    const stored = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
    expect(stored.status).toBe('sent');
    const seen = await publicCall('GET', `/api/v1/public/quotes/${link.token}`);
    expect(seen.status).toBe(200);
    const body = seen.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'acceptedAt',
        'acceptedByName',
        'companyName',
        'currency',
        'discountTotal',
        'lines',
        'number',
        'revision',
        'status',
        'subtotal',
        'taxTotal',
        'terms',
        'total',
        'validUntil',
      ].sort(),
    );
    // 3 × 120.00 = 360.00 + 10% services tax
    expect(body).toMatchObject({ status: 'sent', total: '396.00', companyName: 'Rapport Demo GmbH' });
    const hashes = await app.db.read((x) => x.execute(sql`SELECT token_hash FROM quote_links`));
    expect(JSON.stringify(hashes)).not.toContain(link.token.slice(3));
    const page = await publicCall('GET', `/q/${link.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('396.00');
    expect(page.body).toContain('Accept the quote');
  });

  it('answers a tampered or unknown token with the same bare 404', async () => {
    const { link } = await sharedQuote();
    const tampered = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [tampered, 'rq_short', 'anything']) {
      const answer = await publicCall('GET', `/api/v1/public/quotes/${token}`);
      expect(answer.status).toBe(404);
      expect(answer.json()).toMatchObject({ detail: 'No such quote link' });
      const accept = await publicCall('POST', `/api/v1/public/quotes/${token}/accept`, { name: 'Eve' });
      expect(accept.status).toBe(404);
    }
  });

  it('records the acceptance with name, time and IP, and refuses any answer after it', async () => {
    const { quote, link } = await sharedQuote();
    const accepted = await publicCall('POST', `/api/v1/public/quotes/${link.token}/accept`, {
      name: 'Wile E.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedByName: 'Wile E.' });
    const record = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
    expect(record).toMatchObject({
      status: 'accepted',
      acceptedByName: 'Wile E.',
      acceptedIp: '203.0.113.7',
    });
    expect(record.acceptedAt).toEqual(expect.any(String));
    const history = (await w.call('GET', `/api/v1/quotes/${quote.id}/history`)).json<{
      data: { actor: { name: string }; changes: { field: string; to: unknown }[] }[];
    }>().data;
    expect(history[0].actor.name).toBe('Wile E. (customer, by the quote link)');
    expect(history[0].changes).toContainEqual(expect.objectContaining({ field: 'status', to: 'accepted' }));
    const again = await publicCall('POST', `/api/v1/public/quotes/${link.token}/decline`, { name: 'Other' });
    expect(again.status).toBe(409);
    expect(again.json().detail).toBe('This quote is accepted; it can no longer be answered');
  });

  it('refuses to accept a declined quote', async () => {
    const { link } = await sharedQuote();
    const declined = await publicCall('POST', `/api/v1/public/quotes/${link.token}/decline`, {
      name: 'Road R.',
    });
    expect(declined.json().status).toBe('declined');
    const accept = await publicCall('POST', `/api/v1/public/quotes/${link.token}/accept`, {
      name: 'Road R.',
    });
    expect(accept.status).toBe(409);
    expect(accept.json().detail).toBe('This quote is declined; it can no longer be answered');
  });

  it('lets exactly one of two acceptances at once win', async () => {
    const { quote, link } = await sharedQuote();
    const answers = await Promise.all(
      ['Ann', 'Bob'].map((name) =>
        publicCall('POST', `/api/v1/public/quotes/${link.token}/accept`, { name }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.json().acceptedByName;
    const record = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
    expect(record.acceptedByName).toBe(winner);
  });

  it('refuses an expired link with 410 and a quote past its validity with 409, changing nothing', async () => {
    const { quote, link } = await sharedQuote();
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE quote_links SET expires_at = now() - interval '1 minute'`),
    );
    const gone = await publicCall('POST', `/api/v1/public/quotes/${link.token}/accept`, { name: 'Late' });
    expect(gone.status).toBe(410);
    expect(gone.json().detail).toBe('This quote link has expired; ask your contact for a new one');
    const second = await sharedQuote();
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE quotes SET valid_until = current_date - 1 WHERE id = ${second.quote.id}`),
    );
    const stale = await publicCall('POST', `/api/v1/public/quotes/${second.link.token}/accept`, {
      name: 'Late',
    });
    expect(stale.status).toBe(409);
    const records = await Promise.all(
      [quote.id, second.quote.id].map(async (id) =>
        (await w.call('GET', `/api/v1/quotes/${id}`)).json<Rec>(),
      ),
    );
    expect(records.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('takes an answer from the page form', async () => {
    const { link } = await sharedQuote();
    const posted = await app.call('POST', `/q/${link.token}`, {
      body: 'name=Jane+Doe&answer=accept',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toContain('Thank you, Jane Doe: the quote is accepted.');
  });
});
