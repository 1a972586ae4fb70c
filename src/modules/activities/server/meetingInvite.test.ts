import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../../server/smtpReceiver';
import { createTestApp, type TestApp } from '../../../server/testing';

/** A meeting's invitation over real SMTP on loopback: an iCalendar REQUEST a calendar app can accept. */
let app: TestApp;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: { cookie: string; userId: string };

const call = (method: string, path: string, body?: unknown, as = admin.cookie) =>
  app.call(method, `/api/v1${path}`, { as, body });
const created = async (object: string, body: Record<string, unknown>) => {
  const answer = await call('POST', `/${object}`, body);
  expect(answer.status, answer.body).toBe(201);
  return answer.json<{ id: string }>().id;
};

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  app = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
  admin = await app.signup('Invites Co');
  const smtp = { host: '127.0.0.1', port: receiver.port, secure: false, fromAddress: 'crm@invites.test' };
  expect((await call('PATCH', '/mail/settings', { smtp })).status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});

describe('meeting invitations', () => {
  it('sends an iCalendar REQUEST to the linked contacts and logs the email on their records', async () => {
    const account = await created('accounts', { name: 'Invited Ltd' });
    const grace = await created('contacts', {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@invited.test',
      accountId: account,
    });
    const meeting = await created('activities', {
      type: 'meeting',
      subject: 'Renewal, year two',
      occurredAt: '2027-03-04T14:00:00.000Z',
      durationMinutes: 45,
      links: [
        { object: 'contacts', id: grace },
        { object: 'accounts', id: account },
      ],
    });
    // A withdrawn consent to email does not stop an invitation to a meeting arranged with her.
    const withdrawn = { channel: 'email', status: 'withdrawn', source: 'Newsletter unsubscribe' };
    expect((await call('POST', `/contacts/${grace}/consents`, withdrawn)).status).toBe(201);
    const sent = await call('POST', `/activities/${meeting}/invite`, { message: 'Looking forward to it.' });
    expect(sent.status, sent.body).toBe(201);
    expect(sent.json<{ to: string[] }>().to).toEqual(['grace@invited.test']);

    const [mail] = receiver.received.filter((r) => r.rcpt.includes('grace@invited.test'));
    expect(mail.mail.subject).toMatch(/^Invitation: Renewal, year two \(/);
    expect(mail.mail.text).toContain('Looking forward to it.');
    const invite = mail.mail.attachments.find((a) => a.filename === 'invite.ics')!;
    expect(invite.contentType).toBe('text/calendar');
    const ics = invite.content.toString().replace(/\r\n /g, '');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${meeting}@rapport`);
    expect(ics).toContain('DTSTART:20270304T140000Z');
    expect(ics).toContain('DURATION:PT45M');
    expect(ics).toMatch(/ORGANIZER;CN=[^:]+:mailto:\S+@/);
    expect(ics).toContain(
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Grace Hopper:mailto:grace@invited.test',
    );

    // The email sent is on the contact's and the account's timelines.
    for (const path of [`/contacts/${grace}`, `/accounts/${account}`]) {
      const timeline = await call('GET', `${path}/timeline?types=email`);
      expect(timeline.status, timeline.body).toBe(200);
      expect(timeline.json<{ data: unknown[] }>().data).toHaveLength(1);
    }
  });

  it('refuses what cannot be an invitation, in words, and sends nothing', async () => {
    const before = receiver.received.length;
    const phoneCall = await created('activities', { type: 'call', subject: 'Quick call' });
    // A meeting logged without a time happened now: it is past by the time of inviting.
    const past = await created('activities', { type: 'meeting', subject: 'Just now' });
    const alone = await created('activities', {
      type: 'meeting',
      subject: 'Nobody',
      occurredAt: '2027-03-05T10:00:00.000Z',
    });
    const cases: [string, unknown, string | null][] = [
      [phoneCall, {}, 'type'],
      [past, {}, 'occurredAt'],
      [alone, {}, 'to'],
      [alone, { to: ['not-an-address'] }, 'to.0'],
      [alone, { bcc: ['x@y.test'] }, null],
    ];
    for (const [id, body, path] of cases) {
      const answer = await call('POST', `/activities/${id}/invite`, body);
      expect(answer.status, answer.body).toBe(400);
      if (path) expect(answer.json<{ errors: { path: string }[] }>().errors[0].path).toBe(path);
    }
    const other = await app.signup('Elsewhere');
    const theirs = await call('POST', `/activities/${alone}/invite`, { to: ['a@b.test'] }, other.cookie);
    expect(theirs.status).toBe(404);
    const viewer = await app.addUser(admin.cookie, 'viewer');
    const watched = await call('POST', `/activities/${alone}/invite`, { to: ['a@b.test'] }, viewer.cookie);
    expect(watched.status).toBe(403);
    expect(receiver.received.length).toBe(before);
  });
});
