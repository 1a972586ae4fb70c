import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string; userId: string };
let accountId: string;
let contactId: string;

const create = (body: Record<string, unknown>, as = admin.cookie) =>
  app.call('POST', '/api/v1/activities', { as, body });

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  accountId = (
    await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Acme' } })
  ).json<{
    id: string;
  }>().id;
  contactId = (
    await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body: { lastName: 'Avery', accountId } })
  ).json<{ id: string }>().id;
});
afterAll(() => app?.close());

describe('activities', () => {
  it('logs a call linked to an account and a contact, assigned to its author, happening now', async () => {
    const links = [
      { object: 'accounts', id: accountId },
      { object: 'contacts', id: contactId },
    ];
    const call = await create({
      type: 'call',
      subject: 'Renewal',
      direction: 'outbound',
      outcome: 'connected',
      links,
    });
    expect(call.status).toBe(201);
    const body = call.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      type: 'call',
      subject: 'Renewal',
      direction: 'outbound',
      outcome: 'connected',
      bodyFormat: 'text',
      done: false,
      doneAt: null,
      assigneeId: admin.userId,
      links,
    });
    expect(typeof body.occurredAt).toBe('string');
    const byContact = await app.call('GET', `/api/v1/activities?filter[links][eq]=contacts:${contactId}`, {
      as: admin.cookie,
    });
    expect(byContact.json<{ data: { id: string }[] }>().data.map((a) => a.id)).toEqual([body.id]);
  });

  it('keeps the safe part of HTML and removes scripts, event handlers and javascript: links', async () => {
    const note = await create({
      type: 'note',
      bodyFormat: 'html',
      body: '<p onclick="steal()">Hello <b>there</b><script>alert(1)</script><a href="javascript:alert(1)">x</a><a href="https://acme.com">site</a><img src="x" onerror="alert(1)"></p>',
    });
    expect(note.status).toBe(201);
    expect(note.json<{ body: string }>().body).toBe(
      '<p>Hello <b>there</b><a>x</a><a href="https://acme.com">site</a><img src="x" /></p>',
    );
  });
});
