import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../../server/smtpReceiver';
import type { TestApp } from '../../../server/testing';
import { createMailTestApp, deliver, eventually, mailSettingsOf, message } from './mailTesting';

let app: TestApp;
let admin: { cookie: string };
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let receiverPort: number;
const received = () => receiver.received;
let account: { id: string };
let contact: { id: string };
let deal: { id: string };

beforeAll(async () => {
  receiver = await startSmtpReceiver({ user: 'mailer', password: 's3cret-pass' });
  receiverPort = receiver.port;
  app = await createMailTestApp();
  admin = await app.signup();
  const create = async (object: string, body: object) =>
    (await app.call('POST', `/api/v1/${object}`, { as: admin.cookie, body })).json<{ id: string }>();
  account = await create('accounts', { name: 'Initech', domain: 'initech.test' });
  contact = await create('contacts', {
    firstName: 'Peter',
    lastName: 'Gibbons',
    email: 'peter@initech.test',
    accountId: account.id,
  });
  deal = await create('deals', {
    name: 'TPS renewal',
    accountId: account.id,
    amount: '1000.00',
    currency: 'USD',
  });
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});

const smtp = () => ({
  host: '127.0.0.1',
  port: receiverPort,
  secure: false,
  user: 'mailer',
  password: 's3cret-pass',
  fromAddress: 'sales@ourco.test',
  fromName: 'OurCo Sales',
});

describe('SMTP settings', () => {
  it('seals the password and never answers it', async () => {
    const saved = await app.call('PATCH', '/api/v1/mail/settings', {
      as: admin.cookie,
      body: { smtp: smtp() },
    });
    expect(saved.status).toBe(200);
    expect(saved.json().smtp).toEqual({
      host: '127.0.0.1',
      port: receiverPort,
      secure: false,
      user: 'mailer',
      passwordSet: true,
      fromAddress: 'sales@ourco.test',
      fromName: 'OurCo Sales',
    });
    expect(saved.body).not.toContain('s3cret-pass');
    const stored = await app.db.read((x) => x.execute('SELECT smtp_password FROM mail_settings' as never));
    expect(JSON.stringify(stored)).not.toContain('s3cret-pass');
    const rep = await app.addUser(admin.cookie, 'rep');
    expect(
      (await app.call('PATCH', '/api/v1/mail/settings', { as: rep.cookie, body: { privacy: 'subject' } }))
        .status,
    ).toBe(403);
  });

  it('refuses private hosts however written, unless the operator allowed them (tests allow 127.0.0.1 only)', async () => {
    for (const host of [
      '2130706434',
      '0177.0.0.2',
      '0x7f.3',
      '::ffff:127.0.0.2',
      '[::1]',
      '169.254.169.254',
      '10.0.0.1',
      '100.64.0.1',
    ]) {
      const refused = await app.call('PATCH', '/api/v1/mail/settings', {
        as: admin.cookie,
        body: { smtp: { ...smtp(), host } },
      });
      expect(refused.status, host).toBe(400);
      expect(refused.json<{ errors: { path: string }[] }>().errors[0].path).toBe('host');
    }
    expect((await mailSettingsOf(app, admin.cookie)) as unknown).toMatchObject({
      smtp: { host: '127.0.0.1' },
    });
  });
});

describe('email out', () => {
  it('sends from a deal with a template and merge fields, logged as an outbound email activity', async () => {
    const template = await app.call('POST', '/api/v1/mail/templates', {
      as: admin.cookie,
      body: {
        name: 'Intro',
        subject: 'Hello {{contact.firstName}} at {{account.name}}',
        body: 'Dear {{ contact.firstName }} {{contact.lastName}},\n{{user.name}}',
      },
    });
    expect(template.status).toBe(201);
    const sent = await app.call('POST', '/api/v1/mail/send', {
      as: admin.cookie,
      body: {
        record: { object: 'deals', id: deal.id },
        contactId: contact.id,
        templateId: template.json().id,
      },
    });
    expect(sent.status).toBe(201);
    const { activityId, messageId, to } = sent.json<{
      activityId: string;
      messageId: string;
      to: string[];
    }>();
    expect(to).toEqual(['peter@initech.test']);
    const [mail] = received().splice(0);
    expect(mail.auth).toBe('mailer');
    expect(mail.rcpt).toEqual(['peter@initech.test']);
    expect(mail.mail.subject).toBe('Hello Peter at Initech');
    expect(mail.mail.text?.trim()).toBe('Dear Peter Gibbons,\nAda Admin');
    expect(mail.mail.messageId).toBe(messageId);
    expect(mail.mail.from?.value).toEqual([{ name: 'OurCo Sales', address: 'sales@ourco.test' }]);
    const activity = (await app.call('GET', `/api/v1/activities/${activityId}`, { as: admin.cookie })).json();
    expect(activity).toMatchObject({
      type: 'email',
      direction: 'outbound',
      subject: 'Hello Peter at Initech',
    });
    expect(activity.links).toEqual([
      { object: 'deals', id: deal.id },
      { object: 'contacts', id: contact.id },
      { object: 'accounts', id: account.id },
    ]);
  });

  it('answers 400 for an unknown merge field, in a template or a message, and sends nothing', async () => {
    const bad = await app.call('POST', '/api/v1/mail/templates', {
      as: admin.cookie,
      body: { name: 'Bad', subject: 'Hi {{contact.shoeSize}}', body: '{{boss.name}}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string; message: string }[] }>().errors.map((e) => e.path)).toEqual([
      'subject',
      'body',
    ]);
    const direct = await app.call('POST', '/api/v1/mail/send', {
      as: admin.cookie,
      body: { record: { object: 'contacts', id: contact.id }, subject: 'x', body: 'Hi {{contact.nickname}}' },
    });
    expect(direct.status).toBe(400);
    expect(received()).toHaveLength(0);
    const noRecord = await app.call('POST', '/api/v1/mail/send', {
      as: admin.cookie,
      body: {
        record: { object: 'contacts', id: '01900000-0000-7000-8000-000000000000' },
        subject: 'x',
        body: 'y',
      },
    });
    expect(noRecord.status).toBe(404);
  });

  it('answers a captured message in its thread, and the reply to that joins the thread too', async () => {
    const { inboundAddress, listener } = await mailSettingsOf(app, admin.cookie);
    await deliver(
      listener.port,
      [inboundAddress],
      message(
        {
          From: 'Peter <peter@initech.test>',
          To: 'sales@ourco.test',
          Subject: 'TPS reports',
          'Message-ID': '<tps-1@initech.test>',
        },
        'Did you get the memo?',
      ),
    );
    const captured = await eventually(
      async () =>
        (
          await app.call(
            'GET',
            `/api/v1/activities?filter[type][eq]=email&filter[direction][eq]=inbound&filter[links][eq]=contacts:${contact.id}`,
            {
              as: admin.cookie,
            },
          )
        ).json<{ data: { id: string }[] }>().data[0],
    );
    const reply = await app.call('POST', '/api/v1/mail/send', {
      as: admin.cookie,
      body: {
        record: { object: 'contacts', id: contact.id },
        inReplyTo: captured.id,
        body: 'Yes, I got it.',
      },
    });
    expect(reply.status).toBe(201);
    const [mail] = received().splice(0);
    expect(mail.mail.subject).toBe('Re: TPS reports');
    expect(mail.mail.inReplyTo).toBe('<tps-1@initech.test>');
    expect(mail.mail.references).toBe('<tps-1@initech.test>');
    const threads = await app.db.read((x) =>
      x.execute(
        "SELECT count(DISTINCT thread_id)::int AS n FROM mail_messages WHERE subject LIKE '%TPS reports'" as never,
      ),
    );
    expect((threads as unknown as { rows: { n: number }[] }).rows[0].n).toBe(1);
  });

  it('refuses an email to a contact who withdrew consent to email, but not a reply to them', async () => {
    const consent = (status: string) =>
      app.call('POST', `/api/v1/contacts/${contact.id}/consents`, {
        as: admin.cookie,
        body: { channel: 'email', status, source: 'Unsubscribe link' },
      });
    expect((await consent('withdrawn')).status).toBe(201);
    const included = await app.call('GET', `/api/v1/contacts/${contact.id}?include=consents`, {
      as: admin.cookie,
    });
    expect(included.json().consents).toMatchObject([{ channel: 'email', status: 'withdrawn' }]);
    const send = (body: object) =>
      app.call('POST', '/api/v1/mail/send', {
        as: admin.cookie,
        body: { record: { object: 'contacts', id: contact.id }, subject: 'Offer', body: 'Buy now', ...body },
      });
    received().splice(0);
    for (const body of [{}, { to: ['other@initech.test'], cc: ['PETER@initech.test'] }]) {
      const refused = await send(body);
      expect(refused.status, refused.body).toBe(409);
      expect(refused.json().detail).toMatch(/^Peter Gibbons withdrew consent to email on \d{4}-\d{2}-\d{2}/);
    }
    // Another address, or a reply to a message of theirs, is not refused.
    expect((await send({ to: ['other@initech.test'] })).status).toBe(201);
    const inbound = await app.call(
      'GET',
      `/api/v1/activities?filter[type][eq]=email&filter[direction][eq]=inbound&filter[links][eq]=contacts:${contact.id}`,
      { as: admin.cookie },
    );
    const answered = inbound.json<{ data: { id: string }[] }>().data[0];
    expect((await send({ inReplyTo: answered.id, subject: undefined })).status).toBe(201);
    expect(
      received()
        .splice(0)
        .map((m) => m.rcpt),
    ).toEqual([['other@initech.test'], ['peter@initech.test']]);

    expect((await consent('granted')).status).toBe(201);
    expect((await send({})).status).toBe(201);
  });

  it('says so when no SMTP server is set or the server refuses', async () => {
    const other = await app.signup('No SMTP');
    const c = (
      await app.call('POST', '/api/v1/contacts', {
        as: other.cookie,
        body: { firstName: 'X', email: 'x@x.test' },
      })
    ).json<{ id: string }>();
    const send = () =>
      app.call('POST', '/api/v1/mail/send', {
        as: other.cookie,
        body: { record: { object: 'contacts', id: c.id }, subject: 's', body: 'b' },
      });
    expect((await send()).status).toBe(409);
    await app.call('PATCH', '/api/v1/mail/settings', {
      as: other.cookie,
      body: { smtp: { ...smtp(), password: 'wrong' } },
    });
    const refused = await send();
    expect(refused.status).toBe(502);
    expect(refused.json<{ detail: string }>().detail).toContain('Invalid username or password');
  });
});
