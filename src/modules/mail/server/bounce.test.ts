import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import type { TestApp } from '../../../server/testing';
import { deliveryReportOf } from './bounce';
import { createMailTestApp, deliver, eventually, mailSettingsOf, message } from './mailTesting';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let inbound: string;
let port: number;
let jane: { id: string };
let john: { id: string };

type Quality = { emailBounces: { address: string; at: string; reason: string }[] };
const qualityOf = async (id: string) =>
  (await app.call('GET', `/api/v1/contacts/${id}/quality`, { as: admin.cookie })).json<Quality>();
const statusOf = async (messageId: string) =>
  (
    await app.db.read((x) =>
      rows<{ status: string }>(
        x,
        sql`SELECT status FROM mail_messages WHERE workspace_id = ${admin.workspaceId} AND message_id = ${messageId}`,
      ),
    )
  )[0]?.status;

/** A delivery status notification as Postfix sends it (RFC 3464). */
function dsn(messageId: string, recipient: string, action: string, diagnostic: string) {
  return message(
    {
      From: 'MAILER-DAEMON@mail.acme.com (Mail Delivery System)',
      To: inbound,
      Subject: 'Undelivered Mail Returned to Sender',
      'Message-ID': messageId,
      Date: 'Wed, 4 Nov 2026 09:30:00 +0000',
      'MIME-Version': '1.0',
      'Content-Type': 'multipart/report; report-type=delivery-status;\r\n\tboundary="B1"',
    },
    [
      '--B1',
      'Content-Type: text/plain',
      '',
      'I was not able to deliver your message.',
      '--B1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.acme.com',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Original-Recipient: rfc822;${recipient}`,
      `Action: ${action}`,
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; ${diagnostic}`,
      '',
      '--B1--',
    ].join('\r\n'),
  );
}

beforeAll(async () => {
  app = await createMailTestApp();
  admin = await app.signup();
  const settings = await mailSettingsOf(app, admin.cookie);
  inbound = settings.inboundAddress;
  port = settings.listener.port;
  const create = async (body: object) =>
    (await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body })).json<{ id: string }>();
  jane = await create({ firstName: 'Jane', lastName: 'Bounce', email: 'jane@acme.com' });
  john = await create({
    firstName: 'John',
    lastName: 'Other',
    email: 'john@acme.com',
    emails: ['jd@old.test'],
  });
});
afterAll(() => app.close());

describe('bounced email', () => {
  it('flags the contact whose address a delivery report failed, and keeps the report out of review', async () => {
    await deliver(
      port,
      [inbound],
      dsn('<dsn-1@mail.acme.com>', 'Jane@Acme.com', 'failed', '550 5.1.1 <jane@acme.com>: User unknown'),
    );
    const quality = await eventually(async () => {
      const found = await qualityOf(jane.id);
      return found.emailBounces.length ? found : undefined;
    });
    expect(quality.emailBounces).toEqual([
      {
        address: 'jane@acme.com',
        at: '2026-11-04T09:30:00.000Z',
        reason: '550 5.1.1 <jane@acme.com>: User unknown',
      },
    ]);
    expect(await statusOf('<dsn-1@mail.acme.com>')).toBe('dismissed');
    const review = await app.call('GET', '/api/v1/mail/review', { as: admin.cookie });
    expect(review.json<{ data: unknown[] }>().data).toEqual([]);
    // No email activity is logged for the contact: the report is not their email.
    const activities = await app.call('GET', `/api/v1/activities?filter[links][eq]=contacts:${jane.id}`, {
      as: admin.cookie,
    });
    expect(activities.json<{ data: unknown[] }>().data).toEqual([]);

    // "Email bounced" is a stored field: lists filter by it; a new address clears it, the old brings it back.
    const bounced = async () =>
      (
        await app.call('GET', '/api/v1/contacts?filter[emailBouncedAt][isNull]=false', { as: admin.cookie })
      ).json<{ data: { id: string; emailBouncedAt: string }[] }>().data;
    expect(await bounced()).toEqual([
      expect.objectContaining({ id: jane.id, emailBouncedAt: '2026-11-04T09:30:00.000Z' }),
    ]);
    const email = async (address: string) =>
      (
        await app.call('PATCH', `/api/v1/contacts/${jane.id}`, { as: admin.cookie, body: { email: address } })
      ).json<{ emailBouncedAt: string | null }>().emailBouncedAt;
    expect(await email('jane.doe@acme.com')).toBeNull();
    expect(await bounced()).toEqual([]);
    expect(await email('JANE@acme.com')).toBe('2026-11-04T09:30:00.000Z');
    const refused = await app.call('PATCH', `/api/v1/contacts/${jane.id}`, {
      as: admin.cookie,
      body: { emailBouncedAt: null },
    });
    expect(refused.status).toBe(400);
  });

  it('reads X-Failed-Recipients from a plain bounce, matches other emails, and ignores delays', async () => {
    await deliver(
      port,
      [inbound],
      message(
        {
          From: 'postmaster@old.test',
          To: inbound,
          Subject: 'Delivery failure',
          'Message-ID': '<plain-1@old.test>',
          'X-Failed-Recipients': 'jd@old.test',
        },
        'Your message could not be delivered.',
      ),
    );
    await deliver(port, [inbound], dsn('<dsn-2@mail.acme.com>', 'john@acme.com', 'delayed', '451 try later'));
    await eventually(async () => ((await statusOf('<dsn-2@mail.acme.com>')) ? true : undefined));
    const quality = await eventually(async () => {
      const found = await qualityOf(john.id);
      return found.emailBounces.length ? found : undefined;
    });
    expect(quality.emailBounces).toEqual([
      { address: 'jd@old.test', at: expect.any(String), reason: 'Delivery failure' },
    ]);
    // The bounce was of another of his addresses: "Email bounced" is about the one in Email.
    const johnNow = await app.call('GET', `/api/v1/contacts/${john.id}`, { as: admin.cookie });
    expect(johnNow.json().emailBouncedAt).toBeNull();
    expect(await statusOf('<plain-1@old.test>')).toBe('dismissed');
    expect(await statusOf('<dsn-2@mail.acme.com>')).toBe('dismissed');
  });
});

describe('deliveryReportOf', () => {
  it('answers null for ordinary mail, even from postmaster, and the failed recipients of a report', () => {
    const plain = Buffer.from(
      message({ From: 'postmaster@acme.com', Subject: 'Hi' }, 'Final-Recipient: x@y.z'),
    );
    expect(deliveryReportOf(plain, 'postmaster@acme.com', 'Hi')).toBeNull();
    const report = Buffer.from(dsn('<d@x>', 'a@b.test', 'failed', '550 no such user'));
    expect(deliveryReportOf(report, 'mailer-daemon@x.test', 'Undelivered')).toEqual({
      failed: [{ address: 'a@b.test', reason: '550 no such user' }],
    });
  });
});
