import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../../server/smtpReceiver';
import { createTestApp, type TestApp } from '../../../server/testing';
import { emailDueReports } from './reportMail';

let app: TestApp;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: { cookie: string; userId: string };
let rep: { cookie: string; userId: string };

const byMonth = {
  object: 'deals',
  groupBy: [{ field: 'closeDate', bucket: 'month' }],
  measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }],
  range: { field: 'closeDate', from: '2026-01-01', to: '2026-12-31' },
  chart: 'bar',
};
const schedule = (as: string, name: string, body: Record<string, unknown>) =>
  app.call('POST', '/api/v1/reports', { as, body: { name, definition: byMonth, ...body } });
const mailsTo = (to: string) => receiver.received.filter((r) => r.rcpt.includes(to));

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  app = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
  admin = await app.signup('Reporting Co');
  rep = await app.addUser(admin.cookie, 'rep');
  const smtp = { host: '127.0.0.1', port: receiver.port, secure: false, fromAddress: 'crm@reporting.test' };
  expect(
    (await app.call('PATCH', '/api/v1/mail/settings', { as: admin.cookie, body: { smtp } })).status,
  ).toBe(200);
  const deals = [
    { name: 'Mine', amount: '100.00', closeDate: '2026-01-05' },
    { name: 'Theirs', amount: '900.00', closeDate: '2026-01-20', ownerId: rep.userId },
  ];
  expect(
    (await app.call('POST', '/api/v1/deals/bulk', { as: admin.cookie, body: { create: deals } })).status,
  ).toBe(200);
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});

describe('scheduled reports', () => {
  it('emails a due report once per period with its table attached, as its owner sees it', async () => {
    const created = await schedule(admin.cookie, 'January deals', {
      emailSchedule: 'weekly',
      emailTo: ['boss@reporting.test'],
    });
    expect(created.status, created.body).toBe(201);
    const own = await schedule(rep.cookie, 'My deals', {
      emailSchedule: 'monthly',
      emailTo: ['rep-inbox@reporting.test'],
      emailFormat: 'xlsx',
    });
    expect(own.status, own.body).toBe(201);
    const asPdf = await schedule(admin.cookie, 'Monthly PDF', {
      emailSchedule: 'monthly',
      emailTo: ['pdf-inbox@reporting.test'],
      emailFormat: 'pdf',
    });
    expect(asPdf.status, asPdf.body).toBe(201);
    await schedule(admin.cookie, 'Not scheduled', { emailTo: ['nobody@reporting.test'] });

    expect(await emailDueReports(app.platform)).toBe(3);
    const [boss] = mailsTo('boss@reporting.test');
    expect(boss.mail.subject).toBe('January deals: your Reporting Co report');
    const csv = boss.mail.attachments[0];
    expect(csv.filename).toBe('report.csv');
    expect(csv.content.toString()).toContain('2026-01-01,2,1000.00');

    const [repMail] = mailsTo('rep-inbox@reporting.test');
    expect(repMail.mail.attachments[0].filename).toBe('report.xlsx');
    const [pdfMail] = mailsTo('pdf-inbox@reporting.test');
    expect(pdfMail.mail.attachments[0]).toMatchObject({
      filename: 'report.pdf',
      contentType: 'application/pdf',
    });
    expect(pdfMail.mail.attachments[0].content.toString('latin1')).toContain('(Monthly PDF)');
    expect(mailsTo('nobody@reporting.test')).toEqual([]);

    // Sent for this period: the next hourly run sends nothing.
    expect(await emailDueReports(app.platform)).toBe(0);
    const again = (
      await app.call('GET', `/api/v1/reports/${created.json<{ id: string }>().id}`, { as: admin.cookie })
    ).json<{
      lastEmailedAt: string | null;
    }>();
    expect(again.lastEmailedAt).toEqual(expect.any(String));
  });

  it('refuses a bad schedule or address, naming the field', async () => {
    const bad = await schedule(admin.cookie, 'Bad', { emailSchedule: 'hourly', emailTo: ['not-an-address'] });
    expect(bad.status).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['emailSchedule', 'emailTo.0']));
  });

  it('does not send the report of a user who can no longer sign in', async () => {
    const leaver = await app.addUser(admin.cookie, 'rep');
    await schedule(leaver.cookie, 'Leaver report', {
      emailSchedule: 'weekly',
      emailTo: ['leaver-boss@reporting.test'],
    });
    await app.call('PATCH', `/api/v1/users/${leaver.userId}`, { as: admin.cookie, body: { disabled: true } });
    await emailDueReports(app.platform);
    expect(mailsTo('leaver-boss@reporting.test')).toEqual([]);
  });
});
