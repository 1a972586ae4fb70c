import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { TimelineEntry } from '../contract';

let app: TestApp;
let admin: string;
const ids: Record<string, string> = {};

async function post(url: string, body: unknown, as = admin) {
  const response = await app.call('POST', url, { as, body });
  if (response.status >= 300) throw new Error(`${url}: ${response.status} ${response.body}`);
  return response.json<{ id: string }>().id;
}
const activity = (body: Record<string, unknown>) => post('/api/v1/activities', body);
const link = (object: string, id: string) => ({ object, id });

async function page(object: string, id: string, query = '', as = admin) {
  const response = await app.call('GET', `/api/v1/${object}/${id}/timeline${query}`, { as });
  return {
    status: response.status,
    ...response.json<{ data: TimelineEntry[]; nextCursor: string | null }>(),
  };
}
const titles = (entries: TimelineEntry[]) => entries.map((e) => e.title);

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  ids.account = await post('/api/v1/accounts', { name: 'Acme' });
  ids.other = await post('/api/v1/accounts', { name: 'Other' });
  ids.contact = await post('/api/v1/contacts', {
    firstName: 'Ann',
    lastName: 'Avery',
    accountId: ids.account,
  });
  ids.deal = await post('/api/v1/deals', { name: 'Acme: 50 seats', accountId: ids.account });
  await activity({
    type: 'call',
    subject: 'Intro call',
    occurredAt: '2024-01-01T10:00:00.000Z',
    links: [link('accounts', ids.account)],
  });
  await activity({
    type: 'email',
    subject: 'Pricing question',
    occurredAt: '2024-01-02T10:00:00.000Z',
    links: [link('contacts', ids.contact)],
  });
  await activity({
    type: 'note',
    subject: 'Budget is approved',
    occurredAt: '2024-01-03T10:00:00.000Z',
    links: [link('deals', ids.deal)],
  });
  await activity({
    type: 'meeting',
    subject: 'Demo',
    bodyFormat: 'html',
    body: '<p>Showed   the <b>board</b></p>',
    occurredAt: '2024-01-04T10:00:00.000Z',
    links: [link('accounts', ids.account), link('contacts', ids.contact)],
  });
  await activity({
    type: 'call',
    subject: 'Elsewhere',
    occurredAt: '2024-01-05T10:00:00.000Z',
    links: [link('accounts', ids.other)],
  });
});
afterAll(() => app?.close());

describe('GET /{object}/{id}/timeline', () => {
  it("merges an account's activities with its contacts' and deals', each once, newest first", async () => {
    const { data, nextCursor } = await page('accounts', ids.account, '?types=activity');
    expect(nextCursor).toBeNull();
    expect(titles(data)).toEqual(['Demo', 'Budget is approved', 'Pricing question', 'Intro call']);
    expect(data[0]).toMatchObject({
      kind: 'activity',
      at: '2024-01-04T10:00:00.000Z',
      object: 'activities',
      type: 'meeting',
      done: false,
      excerpt: 'Showed the board',
      actor: { type: 'user', name: 'Ada Admin' },
    });
    const contact = await page('contacts', ids.contact, '?types=activity');
    expect(titles(contact.data)).toEqual(['Demo', 'Pricing question']);
  });

  it('shows field changes, record creation and stage moves, and honours the per-field switch', async () => {
    const patch = (url: string, body: unknown) => app.call('PATCH', url, { as: admin, body });
    expect(
      (await patch(`/api/v1/accounts/${ids.account}`, { industry: 'Retail', employees: 120 })).status,
    ).toBe(200);
    const pipelines = await app.call('GET', '/api/v1/pipelines', { as: admin });
    const stages = pipelines.json<{ data: { stages: { id: string; name: string }[] }[] }>().data[0].stages;
    expect((await patch(`/api/v1/deals/${ids.deal}`, { stageId: stages[1].id })).status).toBe(200);

    const changes = await page('accounts', ids.account, '?types=fieldChange,stageChange');
    expect(titles(changes.data)).toEqual([
      `Deal moved to ${stages[1].name}`,
      'Account changed: Industry, Employees',
      `Deal moved to ${stages[0].name}`,
      'Deal created',
      'Contact created',
      'Account created',
    ]);
    expect(changes.data[1]).toMatchObject({
      kind: 'fieldChange',
      object: 'accounts',
      id: ids.account,
      changes: [
        { field: 'industry', from: null, to: 'Retail' },
        { field: 'employees', from: null, to: 120 },
      ],
    });

    const off = await patch('/api/v1/metadata/objects/accounts/fields/industry', { timeline: false });
    expect(off.status).toBe(200);
    const after = await page('accounts', ids.account, '?types=fieldChange&limit=3');
    expect(titles(after.data)).toEqual(['Account changed: Employees', 'Deal created', 'Contact created']);
    const history = await app.call('GET', `/api/v1/accounts/${ids.account}/history`, { as: admin });
    expect(JSON.stringify(history.json())).toContain('"industry"');
    await patch('/api/v1/metadata/objects/accounts/fields/industry', { timeline: true });
  });

  it('filters by type and to interactions only', async () => {
    expect(titles((await page('accounts', ids.account, '?types=call,note')).data)).toEqual([
      'Budget is approved',
      'Intro call',
    ]);
    expect(titles((await page('accounts', ids.account, '?interactionsOnly=true')).data)).toEqual([
      'Demo',
      'Pricing question',
      'Intro call',
    ]);
    expect((await page('accounts', ids.account, '?types=note&interactionsOnly=true')).data).toEqual([]);
  });

  it("filters by channel, whatever its case, with its contacts' entries and with a type", async () => {
    const account = await post('/api/v1/accounts', { name: 'Channel Co' });
    const contact = await post('/api/v1/contacts', { firstName: 'Cy', lastName: 'Chan', accountId: account });
    const on = (
      subject: string,
      type: string,
      channel: string | undefined,
      day: number,
      object = 'accounts',
      id = account,
    ) =>
      activity({
        type,
        subject,
        channel,
        occurredAt: `2024-02-0${day}T10:00:00.000Z`,
        links: [link(object, id)],
      });
    await on('Voice note', 'call', 'WhatsApp', 1);
    await on('Quick question', 'chat', 'whatsapp', 2, 'contacts', contact);
    const moved = await on('Connection request', 'social', 'LinkedIn', 3);
    await on('Plain note', 'note', undefined, 4);

    expect(titles((await page('accounts', account, '?channel=WHATSAPP')).data)).toEqual([
      'Quick question',
      'Voice note',
    ]);
    expect(titles((await page('accounts', account, '?channel=whatsapp&types=chat')).data)).toEqual([
      'Quick question',
    ]);
    expect(titles((await page('contacts', contact, '?channel=LinkedIn')).data)).toEqual([]);
    expect((await page('accounts', account, '?channel=Fax')).data).toEqual([]);

    const changed = await app.call('PATCH', `/api/v1/activities/${moved}`, {
      as: admin,
      body: { channel: 'WhatsApp' },
    });
    expect(changed.status).toBe(200);
    expect(titles((await page('accounts', account, '?channel=whatsapp&limit=2')).data)).toEqual([
      'Connection request',
      'Quick question',
    ]);
    expect((await page('accounts', account, '?channel=linkedin')).data).toEqual([]);
    expect((await page('accounts', account, '?channel=')).status).toBe(400);
  });

  it('pages with a cursor: every entry once, in order', async () => {
    const all = (await page('accounts', ids.account, '?limit=200')).data;
    const seen: TimelineEntry[] = [];
    let cursor: string | null = null;
    do {
      const next = await page('accounts', ids.account, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.data.length).toBeLessThanOrEqual(2);
      seen.push(...next.data);
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    // four activities, two stage moves, one change and three creations
    expect(all).toHaveLength(10);
  });

  it('answers 404 for a record the caller may not see, of another workspace or of no object; 400 for bad parameters', async () => {
    const rep = await app.addUser(admin, 'rep');
    await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
      as: admin,
      body: { visibility: 'owner' },
    });
    expect((await page('accounts', ids.account, '', rep.cookie)).status).toBe(404);
    await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
      as: admin,
      body: { visibility: 'workspace' },
    });
    expect((await page('accounts', ids.account, '', rep.cookie)).status).toBe(200);

    const stranger = (await app.signup('Elsewhere')).cookie;
    expect((await page('accounts', ids.account, '', stranger)).status).toBe(404);
    expect((await page('planets', ids.account)).status).toBe(404);
    const bad = await app.call(
      'GET',
      `/api/v1/accounts/${ids.account}/timeline?limit=0&types=fax&cursor=nonsense`,
      {
        as: admin,
      },
    );
    expect(bad.status).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths.sort()).toEqual(['limit', 'types.0']);
    const cursor = await app.call('GET', `/api/v1/accounts/${ids.account}/timeline?cursor=nonsense`, {
      as: admin,
    });
    expect(cursor.status).toBe(400);
    expect((await app.call('GET', `/api/v1/accounts/not-an-id/timeline`, { as: admin })).status).toBe(400);
  });

  it('shows a rep only the activities they may see when activities are visible to their owners', async () => {
    const rep = await app.addUser(admin, 'rep');
    const own = await app.call('POST', '/api/v1/activities', {
      as: rep.cookie,
      body: {
        type: 'call',
        subject: 'Rep call',
        occurredAt: '2024-02-01T00:00:00.000Z',
        links: [link('accounts', ids.account)],
      },
    });
    expect(own.status).toBe(201);
    await app.call('PATCH', '/api/v1/metadata/objects/activities', {
      as: admin,
      body: { visibility: 'owner' },
    });
    expect(titles((await page('accounts', ids.account, '?types=call', rep.cookie)).data)).toEqual([
      'Rep call',
    ]);
    expect(titles((await page('accounts', ids.account, '?types=call')).data)).toEqual([
      'Rep call',
      'Intro call',
    ]);
    await app.call('PATCH', '/api/v1/metadata/objects/activities', {
      as: admin,
      body: { visibility: 'workspace' },
    });
    expect(titles((await page('accounts', ids.account, '?types=call', rep.cookie)).data)).toEqual([
      'Rep call',
      'Intro call',
    ]);
    await app.call('DELETE', `/api/v1/activities/${own.json<{ id: string }>().id}`, { as: admin });
  });

  it('leaves out activities in the recycle bin', async () => {
    const id = await activity({
      type: 'sms',
      subject: 'Binned',
      occurredAt: '2025-01-01T00:00:00.000Z',
      links: [link('accounts', ids.account)],
    });
    expect(titles((await page('accounts', ids.account, '?types=sms')).data)).toEqual(['Binned']);
    await app.call('DELETE', `/api/v1/activities/${id}`, { as: admin });
    expect((await page('accounts', ids.account, '?types=sms')).data).toEqual([]);
    await app.call('POST', `/api/v1/activities/${id}/restore`, { as: admin });
    expect(titles((await page('accounts', ids.account, '?types=sms')).data)).toEqual(['Binned']);
  });
});
