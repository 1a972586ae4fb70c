import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../../server/smtpReceiver';
import { createTestApp, eventually, testPassword, type TestApp } from '../../../server/testing';

let app: TestApp;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let mailing: Awaited<ReturnType<TestApp['signup']>>;
let silent: Awaited<ReturnType<TestApp['signup']>>;
let rep: Awaited<ReturnType<TestApp['addUser']>>;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  app = await createTestApp({
    env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32', RAPPORT_PUBLIC_URL: 'http://localhost' },
  });
  await app.platform.jobs.start();
  mailing = await app.signup('Mailing Co');
  silent = await app.signup('Silent Co');
  rep = await app.addUser(mailing.cookie, 'rep');
  const saved = await app.call('PATCH', '/api/v1/mail/settings', {
    as: mailing.cookie,
    body: { smtp: smtp() },
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});

const smtp = () => ({
  host: '127.0.0.1',
  port: receiver.port,
  secure: false,
  fromAddress: 'crm@mailing.test',
});

/** The one message sent to `to`, once the queue has delivered it. */
const mailTo = (to: string) => eventually(async () => receiver.received.find((r) => r.rcpt.includes(to)));
const linkIn = (text: string | undefined) => /http:\/\/\S+#r[ip]_\S+/.exec(text ?? '')?.[0];
const tokenOf = (url: string) => url.split('#')[1];
const newPassword = 'a-brand-new-passphrase';
/** Asked through a Host header of the asker's choosing: the emailed link must not follow it. */
const forgot = (email: string) =>
  app.call('POST', '/api/v1/auth/password-reset/request', {
    body: { email },
    headers: { host: '203.0.113.9' },
  });

async function jobsDone() {
  await eventually(async () => {
    const result = (await app.db.read((x) =>
      x.execute(`SELECT count(*)::int AS n FROM pgboss.job
        WHERE name IN ('auth.forgot-password', 'mail.notice') AND state NOT IN ('completed', 'failed')`),
    )) as unknown as { rows: { n: number }[] };
    return result.rows[0].n === 0 ? true : undefined;
  });
}

describe('invitations by email', () => {
  it('emails the link through the workspace SMTP server, and the emailed link signs the person up', async () => {
    const invited = await app.call('POST', '/api/v1/invitations', {
      as: mailing.cookie,
      body: { email: 'mia@example.com', role: 'rep' },
    });
    expect(invited.status).toBe(201);
    const { url, emailed } = invited.json<{ url: string; emailed: boolean }>();
    expect(emailed).toBe(true);
    const { mail } = await mailTo('mia@example.com');
    expect(mail.subject).toBe('You are invited to Mailing Co on Rapport');
    expect(mail.from?.text).toBe('crm@mailing.test');
    expect(linkIn(mail.text)).toBe(url);

    const accepted = await app.call('POST', '/api/v1/invitations/accept', {
      body: { token: tokenOf(linkIn(mail.text)!), name: 'Mia Mailed', password: newPassword },
    });
    expect(accepted.status).toBe(200);
  });

  it('without an SMTP server, answers the copyable link only', async () => {
    const before = receiver.received.length;
    const invited = await app.call('POST', '/api/v1/invitations', {
      as: silent.cookie,
      body: { email: 'noah@example.com', role: 'rep' },
    });
    expect(invited.status).toBe(201);
    expect(invited.json()).toMatchObject({ emailed: false, url: expect.stringContaining('/join#ri_') });
    await jobsDone();
    expect(receiver.received.length).toBe(before);
  });

  it('keeps the link sealed while the email waits in the queue', async () => {
    await app.platform.jobs.stop();
    const invited = await app.call('POST', '/api/v1/invitations', {
      as: mailing.cookie,
      body: { email: 'queued@example.com', role: 'viewer' },
    });
    const token = tokenOf(invited.json<{ url: string }>().url);
    const result = (await app.db.read((x) =>
      x.execute(`SELECT data::text AS data FROM pgboss.job WHERE name = 'mail.notice' AND state = 'created'`),
    )) as unknown as { rows: { data: string }[] };
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].data).toContain('queued@example.com');
    expect(result.rows[0].data).not.toContain(token);
    await app.platform.jobs.start();
    expect(linkIn((await mailTo('queued@example.com')).mail.text)).toBe(invited.json<{ url: string }>().url);
  });
});

describe('forgot password', () => {
  it('answers alike for a known and an unknown address, and emails only the known one a working link', async () => {
    const known = await forgot(mailing.email.toUpperCase());
    const unknown = await forgot('nobody-here@example.com');
    expect([known.status, known.body]).toEqual([202, '']);
    expect([unknown.status, unknown.body]).toEqual([202, '']);

    const { mail } = await mailTo(mailing.email);
    expect(mail.subject).toBe('Reset your Rapport password for Mailing Co');
    const link = linkIn(mail.text)!;
    expect(link).toMatch(/^http:\/\/localhost(:80)?\/reset-password#rp_/);
    await jobsDone();
    expect(receiver.received.filter((r) => r.rcpt.includes('nobody-here@example.com'))).toEqual([]);

    const reset = await app.call('POST', '/api/v1/auth/password-reset/complete', {
      body: { token: tokenOf(link), password: newPassword },
    });
    expect(reset.status).toBe(200);
    const login = await app.call('POST', '/api/v1/auth/login', {
      body: { email: mailing.email, password: newPassword },
    });
    expect(login.status).toBe(200);
    const again = await app.call('POST', '/api/v1/auth/password-reset/complete', {
      body: { token: tokenOf(link), password: testPassword },
    });
    expect(again.status).toBe(404);
  });

  it('sends nothing for a workspace without an SMTP server (its admin hands out reset links)', async () => {
    expect((await forgot(silent.email)).status).toBe(202);
    await jobsDone();
    expect(receiver.received.filter((r) => r.rcpt.includes(silent.email))).toEqual([]);
    const links = (await app.db.read((x) =>
      x.execute(`SELECT count(*)::int AS n FROM password_resets WHERE user_id = '${silent.userId}'`),
    )) as unknown as { rows: { n: number }[] };
    expect(links.rows[0].n).toBe(0);
  });

  it('emails one address at most three reset links an hour, with the same answer after that', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await forgot(rep.email)).status);
    expect(answers).toEqual([202, 202, 202, 202, 202]);
    await jobsDone();
    expect(receiver.received.filter((r) => r.rcpt.includes(rep.email))).toHaveLength(3);
  });

  it('refuses a malformed address with 400 naming the field', async () => {
    const bad = await forgot('not-an-address');
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['email']);
  });
});

describe('without RAPPORT_PUBLIC_URL', () => {
  it('emails no reset link: the only address to point it at would be the Host header the asker chose', async () => {
    const bare = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
    try {
      await bare.platform.jobs.start();
      const admin = await bare.signup('Bare Co');
      const saved = await bare.call('PATCH', '/api/v1/mail/settings', {
        as: admin.cookie,
        body: { smtp: smtp() },
      });
      expect(saved.status).toBe(200);
      const asked = await bare.call('POST', '/api/v1/auth/password-reset/request', {
        body: { email: admin.email },
        headers: { host: '203.0.113.9' },
      });
      expect([asked.status, asked.body]).toEqual([202, '']);
      const queued = (await bare.db.read((x) =>
        x.execute(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'auth.forgot-password'`),
      )) as unknown as { rows: { n: number }[] };
      expect(queued.rows[0].n).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
