import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../../server/smtpReceiver';
import { createTestApp, type TestApp } from '../../../server/testing';
import { sendDueDigests } from './digest';

let app: TestApp;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: { cookie: string; userId: string; email: string };
let rep: { cookie: string; userId: string; email: string };

const task = (subject: string, dueAt: string, assigneeId: string) =>
  app.call('POST', '/api/v1/activities', {
    as: admin.cookie,
    body: { type: 'task', subject, dueAt, assigneeId },
  });
const mailsTo = (to: string) => receiver.received.filter((r) => r.rcpt.includes(to));

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  app = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
  admin = await app.signup('Morning Co');
  rep = await app.addUser(admin.cookie, 'rep');
  const smtp = { host: '127.0.0.1', port: receiver.port, secure: false, fromAddress: 'crm@morning.test' };
  const saved = await app.call('PATCH', '/api/v1/mail/settings', { as: admin.cookie, body: { smtp } });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});

describe('the daily digest', () => {
  it('is off until asked for, and refuses an unknown time zone or hour, naming the field', async () => {
    const off = await app.call('GET', '/api/v1/me/digest', { as: admin.cookie });
    expect(off.json()).toEqual({ enabled: false, timeZone: null, hour: null });
    const bad = await app.call('PUT', '/api/v1/me/digest', {
      as: admin.cookie,
      body: { timeZone: 'Mars/Olympus', hour: 24 },
    });
    expect(bad.status).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'hour']));
  });

  it('emails each subscriber their day once a day, and nothing when the day is empty', async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString();
    expect((await task('Send the Initech proposal', now.toISOString(), admin.userId)).status).toBe(201);
    expect((await task('Chase the signed contract', yesterday, admin.userId)).status).toBe(201);
    for (const who of [admin, rep]) {
      const on = await app.call('PUT', '/api/v1/me/digest', {
        as: who.cookie,
        body: { timeZone: 'UTC', hour: 0 },
      });
      expect(on.json()).toEqual({ enabled: true, timeZone: 'UTC', hour: 0 });
    }

    expect(await sendDueDigests(app.platform)).toBe(2);
    const [mail] = mailsTo(admin.email);
    const today = now.toISOString().slice(0, 10);
    expect(mail.mail.subject).toBe(`Your day in Rapport, ${today}`);
    expect(mail.mail.text).toMatch(/Overdue \(1\)\n- .*Chase the signed contract/);
    expect(mail.mail.text).toMatch(/Due today \(1\)\n- .*Send the Initech proposal/);
    // The rep's day is empty: no email for them.
    expect(mailsTo(rep.email)).toEqual([]);

    // Sent today: the next run sends nothing more.
    expect(await sendDueDigests(app.platform)).toBe(0);
    expect(mailsTo(admin.email)).toHaveLength(1);
  });

  it('stops when turned off', async () => {
    expect((await app.call('DELETE', '/api/v1/me/digest', { as: admin.cookie })).status).toBe(204);
    const off = await app.call('GET', '/api/v1/me/digest', { as: admin.cookie });
    expect(off.json<{ enabled: boolean }>().enabled).toBe(false);
  });
});
