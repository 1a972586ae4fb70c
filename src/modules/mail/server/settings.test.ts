import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_MAIL_DOMAIN: 'mail.example.com' } });
  admin = await app.signup();
});
afterAll(() => app.close());

describe('mail settings', () => {
  it('answers the inbound address on RAPPORT_MAIL_DOMAIN, the same each time, and the listener as off', async () => {
    const first = await app.call('GET', '/api/v1/mail/settings', { as: admin.cookie });
    expect(first.status).toBe(200);
    const body = first.json<{ inboundAddress: string }>();
    expect(body).toEqual({
      inboundAddress: expect.stringMatching(/^in-[a-z2-7]{20}@mail\.example\.com$/),
      listener: { enabled: false, port: null },
      privacy: 'body',
      smtp: null,
    });
    const again = await app.call('GET', '/api/v1/mail/settings', { as: admin.cookie });
    expect(again.json<{ inboundAddress: string }>().inboundAddress).toBe(body.inboundAddress);
    const other = await app.signup('Other');
    const theirs = await app.call('GET', '/api/v1/mail/settings', { as: other.cookie });
    expect(theirs.json<{ inboundAddress: string }>().inboundAddress).not.toBe(body.inboundAddress);
    expect((await app.call('GET', '/api/v1/mail/settings')).status).toBe(401);
  });

  it('lets an admin set the privacy; bad input is a 400 naming the field and changes nothing', async () => {
    const set = await app.call('PATCH', '/api/v1/mail/settings', {
      as: admin.cookie,
      body: { privacy: 'subject' },
    });
    expect(set.json()).toMatchObject({ privacy: 'subject' });
    const bad = await app.call('PATCH', '/api/v1/mail/settings', {
      as: admin.cookie,
      body: { privacy: 'everything' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0].path).toBe('privacy');
    const unknown = await app.call('PATCH', '/api/v1/mail/settings', {
      as: admin.cookie,
      body: { smtp: { host: 'x' }, color: 1 },
    });
    expect(unknown.status).toBe(400);
    const port = await app.call('PATCH', '/api/v1/mail/settings', {
      as: admin.cookie,
      body: { smtp: { host: 'smtp.example.com', port: 70000, fromAddress: 'a@b.com' } },
    });
    expect(port.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['smtp.port']);
    expect((await app.call('GET', '/api/v1/mail/settings', { as: admin.cookie })).json()).toMatchObject({
      privacy: 'subject',
      smtp: null,
    });
  });

  it('keeps mailboxes to their owner', async () => {
    const rep = await app.addUser(admin.cookie, 'rep');
    const viewer = await app.addUser(admin.cookie, 'viewer');
    const body = { host: '93.184.216.34', port: 993, user: 'me', password: 'pw' };
    expect((await app.call('POST', '/api/v1/mail/mailboxes', { as: viewer.cookie, body })).status).toBe(403);
    const created = await app.call('POST', '/api/v1/mail/mailboxes', { as: rep.cookie, body });
    expect(created.status).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect((await app.call('GET', '/api/v1/mail/mailboxes', { as: admin.cookie })).json()).toEqual({
      data: [],
    });
    expect(
      (await app.call('PATCH', `/api/v1/mail/mailboxes/${id}`, { as: admin.cookie, body: { port: 143 } }))
        .status,
    ).toBe(404);
    expect((await app.call('DELETE', `/api/v1/mail/mailboxes/${id}`, { as: admin.cookie })).status).toBe(404);
    expect((await app.call('DELETE', `/api/v1/mail/mailboxes/${id}`, { as: rep.cookie })).status).toBe(204);
  });

  it('describes the mail endpoints in the OpenAPI document', async () => {
    const doc = (await app.call('GET', '/api/v1/openapi.json')).json<{ paths: Record<string, object> }>();
    for (const path of [
      '/mail/settings',
      '/mail/review',
      '/mail/review/{id}/link',
      '/mail/mailboxes',
      '/mail/mailboxes/{id}/sync',
      '/mail/templates',
      '/mail/send',
      '/mail/attachments/{id}',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
  });
});
