import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import type { TestApp } from '../../../server/testing';
import { createMailTestApp, deliver, eventually, mailSettingsOf, message } from './mailTesting';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let inbound: string;
let port: number;
let jane: { id: string };
let acme: { id: string };
let globex: { id: string };

type Activity = {
  id: string;
  subject: string;
  direction: string;
  body: string;
  bodyFormat: string;
  links: { object: string; id: string }[];
  participants: { email: string; role: string; contactId?: string }[];
};

async function emailsAbout(object: string, id: string) {
  const answer = await app.call(
    'GET',
    `/api/v1/activities?filter[type][eq]=email&filter[links][eq]=${object}:${id}&sort=occurredAt`,
    { as: admin.cookie },
  );
  return answer.json<{ data: Activity[] }>().data;
}

async function reviewSubjects() {
  const answer = await app.call('GET', '/api/v1/mail/review', { as: admin.cookie });
  return answer.json<{ data: { subject: string | null; id: string; problem: string | null }[] }>().data;
}

const waitForReview = (subject: string) =>
  eventually(async () => (await reviewSubjects()).find((r) => r.subject === subject));

beforeAll(async () => {
  app = await createMailTestApp();
  admin = await app.signup();
  const settings = await mailSettingsOf(app, admin.cookie);
  inbound = settings.inboundAddress;
  port = settings.listener.port;
  const create = async (object: string, body: object) =>
    (await app.call('POST', `/api/v1/${object}`, { as: admin.cookie, body })).json<{ id: string }>();
  acme = await create('accounts', { name: 'Acme', domain: 'acme.com' });
  globex = await create('accounts', { name: 'Globex', domain: 'globex.example' });
  jane = await create('contacts', {
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@acme.com',
    accountId: acme.id,
  });
});
afterAll(() => app.close());

describe('inbound address', () => {
  it('answers an unguessable address on the mail domain and the running listener', async () => {
    const settings = await mailSettingsOf(app, admin.cookie);
    expect(settings.inboundAddress).toMatch(/^in-[a-z2-7]{20}@capture\.test$/);
    expect(settings.listener).toEqual({ enabled: true, port });
    expect(port).toBeGreaterThan(0);
  });

  it('captures a message to a contact as an email activity linked to the contact and its account, once', async () => {
    const raw = message(
      {
        From: 'Jane Doe <Jane@Acme.com>',
        To: 'rep@ourco.test',
        Bcc: inbound,
        Subject: 'Renewal question',
        'Message-ID': '<renewal-1@acme.com>',
        Date: 'Tue, 3 Nov 2026 10:00:00 +0000',
      },
      'Can we talk about the renewal?',
    );
    await deliver(port, [inbound], raw);
    const [activity] = await eventually(async () => {
      const found = await emailsAbout('contacts', jane.id);
      return found.length ? found : undefined;
    });
    expect(activity).toMatchObject({
      subject: 'Renewal question',
      direction: 'inbound',
      body: 'Can we talk about the renewal?',
      bodyFormat: 'text',
      occurredAt: '2026-11-03T10:00:00.000Z',
    });
    expect(activity.links).toEqual([
      { object: 'contacts', id: jane.id },
      { object: 'accounts', id: acme.id },
    ]);
    expect(activity.participants).toEqual([
      { email: 'jane@acme.com', name: 'Jane Doe', contactId: jane.id, role: 'from' },
      { email: 'rep@ourco.test', role: 'to' },
    ]);
    // The same message again (a second BCC, a retry) is stored once.
    await deliver(port, [inbound], raw);
    await deliver(port, [inbound], message({ From: 'x@y.test', To: 'z@w.test', Subject: 'marker-1' }, 'x'));
    await waitForReview('marker-1');
    expect(await emailsAbout('contacts', jane.id)).toHaveLength(1);
  });

  it('matches an account by the domain of an address when no contact has it', async () => {
    await deliver(
      port,
      [inbound],
      message(
        {
          From: 'someone@globex.example',
          To: inbound,
          Subject: 'Hello from Globex',
          'Message-ID': '<g1@globex.example>',
        },
        'hi',
      ),
    );
    const [activity] = await eventually(async () => {
      const found = await emailsAbout('accounts', globex.id);
      return found.length ? found : undefined;
    });
    expect(activity.links).toEqual([{ object: 'accounts', id: globex.id }]);
  });

  it('threads replies by In-Reply-To and References', async () => {
    await deliver(
      port,
      [inbound],
      message(
        {
          From: 'rep@ourco.test',
          To: 'jane@acme.com',
          Subject: 'Re: Renewal question',
          'Message-ID': '<reply-1@ourco.test>',
          'In-Reply-To': '<Renewal-1@acme.com>',
          References: '<renewal-1@acme.com>',
        },
        'Sure, Thursday?',
      ),
    );
    await eventually(async () => ((await emailsAbout('contacts', jane.id)).length === 2 ? true : undefined));
    const threads = await app.db.read((x) =>
      rows<{ messageId: string; same: boolean }>(
        x,
        sql`SELECT message_id AS "messageId", thread_id = (SELECT thread_id FROM mail_messages
              WHERE workspace_id = ${admin.workspaceId} AND message_id = '<renewal-1@acme.com>') AS same
          FROM mail_messages WHERE workspace_id = ${admin.workspaceId} AND message_id LIKE '<re%' ORDER BY 1`,
      ),
    );
    expect(threads).toEqual([
      { messageId: '<renewal-1@acme.com>', same: true },
      { messageId: '<reply-1@ourco.test>', same: true },
    ]);
  });

  it('refuses recipients that are no inbound address, and the listener goes on', async () => {
    await expect(
      deliver(port, ['in-aaaaaaaaaaaaaaaaaaaa@capture.test'], message({ Subject: 'x' }, 'x')),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(
      deliver(port, ['someone@elsewhere.test'], message({ Subject: 'x' }, 'x')),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
  });
});

describe('review', () => {
  it('keeps unmatched messages for review, and files them under a contact on request', async () => {
    await deliver(
      port,
      [inbound],
      message(
        {
          From: 'Max Power <max@unknown.test>',
          To: inbound,
          Subject: 'Who am I',
          'Message-ID': '<who@unknown.test>',
        },
        'Hi',
      ),
    );
    const item = await waitForReview('Who am I');
    const linked = await app.call('POST', `/api/v1/mail/review/${item.id}/link`, {
      as: admin.cookie,
      body: { contactId: jane.id },
    });
    expect(linked.status).toBe(200);
    expect(linked.json()).toMatchObject({ contactId: jane.id });
    expect((await emailsAbout('contacts', jane.id)).map((a) => a.subject)).toContain('Who am I');
    expect((await reviewSubjects()).map((r) => r.subject)).not.toContain('Who am I');
    const again = await app.call('POST', `/api/v1/mail/review/${item.id}/link`, {
      as: admin.cookie,
      body: { contactId: jane.id },
    });
    expect(again.status).toBe(409);
  });

  it('creates the contact from the sender, or dismisses', async () => {
    await deliver(
      port,
      [inbound],
      message({ From: 'Max Power <max@unknown.test>', To: inbound, Subject: 'New person' }, 'Hi'),
    );
    const item = await waitForReview('New person');
    const created = await app.call('POST', `/api/v1/mail/review/${item.id}/create-contact`, {
      as: admin.cookie,
      body: {},
    });
    expect(created.status).toBe(201);
    const { contactId } = created.json<{ contactId: string }>();
    const contact = (await app.call('GET', `/api/v1/contacts/${contactId}`, { as: admin.cookie })).json();
    expect(contact).toMatchObject({ firstName: 'Max', lastName: 'Power', email: 'max@unknown.test' });
    // Provenance names the message the contact came from, and the email activity to open.
    const sources = await app.call('GET', `/api/v1/contacts/${contactId}/provenance`, { as: admin.cookie });
    const email = sources
      .json<{ data: { field: string; origin?: unknown }[] }>()
      .data.find((f) => f.field === 'email');
    expect(email?.origin).toEqual({
      label: expect.stringMatching(/^the email “New person” from max@unknown\.test of \d{4}-\d{2}-\d{2}$/),
      activityId: created.json<{ activityId: string }>().activityId,
    });

    await deliver(
      port,
      [inbound],
      message({ From: 'spam@spam.test', To: inbound, Subject: 'Buy now' }, 'Hi'),
    );
    const spam = await waitForReview('Buy now');
    expect(
      (await app.call('POST', `/api/v1/mail/review/${spam.id}/dismiss`, { as: admin.cookie })).status,
    ).toBe(204);
    expect((await reviewSubjects()).map((r) => r.subject)).not.toContain('Buy now');
    expect(
      (await app.call('POST', `/api/v1/mail/review/${spam.id}/dismiss`, { as: admin.cookie })).status,
    ).toBe(409);
  });

  it('answers 404 for review items of another workspace and 400 for a bad link', async () => {
    const other = await app.signup('Other');
    await deliver(
      port,
      [inbound],
      message({ From: 'a@nobody.test', To: inbound, Subject: 'Not yours' }, 'x'),
    );
    const item = await waitForReview('Not yours');
    expect(
      (await app.call('POST', `/api/v1/mail/review/${item.id}/dismiss`, { as: other.cookie })).status,
    ).toBe(404);
    const bad = await app.call('POST', `/api/v1/mail/review/${item.id}/link`, {
      as: admin.cookie,
      body: { contactId: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0].path).toBe('contactId');
    expect((await app.call('GET', '/api/v1/mail/review?limit=0', { as: admin.cookie })).status).toBe(400);
  });
});

describe('durability', () => {
  it('accepts and queues while no worker runs; the capture happens when one starts again', async () => {
    await app.platform.jobs.stop();
    await deliver(
      port,
      [inbound],
      message(
        { From: 'jane@acme.com', To: inbound, Subject: 'While stopped', 'Message-ID': '<stopped@acme.com>' },
        'x',
      ),
    );
    const stored = () =>
      app.db.read((x) =>
        rows<{ n: number }>(
          x,
          sql`SELECT count(*)::int AS n FROM mail_messages WHERE message_id = '<stopped@acme.com>'`,
        ),
      );
    expect(await stored()).toEqual([{ n: 0 }]);
    const queued = await app.db.read((x) =>
      rows<{ n: number }>(
        x,
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.capture' AND state = 'created'`,
      ),
    );
    expect(queued).toEqual([{ n: 1 }]);
    await app.platform.jobs.start();
    await eventually(async () => ((await stored())[0].n === 1 ? true : undefined));
    expect((await emailsAbout('contacts', jane.id)).map((a) => a.subject)).toContain('While stopped');
  });
});
