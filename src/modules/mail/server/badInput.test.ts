import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../server/testing';
import { createMailTestApp, deliver, eventually, mailSettingsOf, message } from './mailTesting';

let app: TestApp;
let admin: { cookie: string };
let inbound: string;
let port: number;
let contact: { id: string };

type Activity = { id: string; subject: string; body: string; bodyFormat: string };
type Review = {
  id: string;
  subject: string | null;
  from: { address: string } | null;
  problem: string | null;
  attachments: number;
};

async function emailTo(subject: string) {
  return eventually(async () => {
    const answer = await app.call(
      'GET',
      `/api/v1/activities?filter[type][eq]=email&filter[links][eq]=contacts:${contact.id}`,
      {
        as: admin.cookie,
      },
    );
    return answer.json<{ data: Activity[] }>().data.find((a) => a.subject === subject);
  });
}

async function inReview(find: (r: Review) => boolean) {
  return eventually(async () =>
    (await app.call('GET', '/api/v1/mail/review?limit=200', { as: admin.cookie }))
      .json<{ data: Review[] }>()
      .data.find(find),
  );
}

beforeAll(async () => {
  app = await createMailTestApp();
  admin = await app.signup();
  ({
    inboundAddress: inbound,
    listener: { port },
  } = await mailSettingsOf(app, admin.cookie));
  contact = (
    await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: { firstName: 'Bea', email: 'bea@client.test' },
    })
  ).json();
});
afterAll(() => app.close());

describe('bad mail', () => {
  it('refuses a 30 MB message with a clear SMTP error, and takes the next one', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 'A');
    const raw = Buffer.concat([
      Buffer.from(
        message(
          {
            From: 'bea@client.test',
            To: inbound,
            Subject: 'Huge',
            'Content-Type': 'application/octet-stream',
          },
          '',
        ),
      ),
      big,
    ]);
    await expect(deliver(port, [inbound], raw)).rejects.toMatchObject({
      responseCode: 552,
      response: expect.stringContaining('larger than the 25 MB limit'),
    });
    await deliver(
      port,
      [inbound],
      message({ From: 'bea@client.test', To: inbound, Subject: 'After the huge one' }, 'ok'),
    );
    expect((await emailTo('After the huge one')).body).toBe('ok');
  });

  it('keeps a message with broken MIME (a boundary that never closes, bad base64)', async () => {
    const raw = [
      'From: bea@client.test',
      `To: ${inbound}`,
      'Subject: Broken parts',
      'Content-Type: multipart/mixed; boundary="XYZ"',
      '',
      '--XYZ',
      'Content-Type: text/plain',
      '',
      'The readable part',
      '--XYZ',
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      '%%%not base64 at all%%%',
      '',
    ].join('\r\n');
    await deliver(port, [inbound], raw);
    expect((await emailTo('Broken parts')).body).toBe('The readable part');
  });

  it('keeps a message with no From, no Message-ID and no Date in review, once', async () => {
    const raw = message({ Subject: 'No headers at all' }, 'who sent this?');
    await deliver(port, [inbound], raw);
    await deliver(port, [inbound], raw);
    const item = await inReview((r) => r.subject === 'No headers at all');
    expect(item).toMatchObject({ from: null, problem: null, attachments: 0 });
    await deliver(port, [inbound], message({ From: 'x@x.test', Subject: 'later marker' }, 'x'));
    await inReview((r) => r.subject === 'later marker');
    const all = (await app.call('GET', '/api/v1/mail/review?limit=200', { as: admin.cookie })).json<{
      data: Review[];
    }>().data;
    expect(all.filter((r) => r.subject === 'No headers at all')).toHaveLength(1);
  });

  it('decodes mixed encodings: a Latin-1 encoded-word subject, a windows-1252 body, a UTF-8 name', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        [
          'From: =?UTF-8?B?QsOpYSBNw7xsbGVy?= <bea@client.test>',
          `To: ${inbound}`,
          'Subject: =?ISO-8859-1?Q?Pr=E9sentation_=E0_Z=FCrich?=',
          'Content-Type: text/plain; charset=windows-1252',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join('\r\n'),
      ),
      Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x35]),
    ]);
    await deliver(port, [inbound], raw);
    expect((await emailTo('Présentation à Zürich')).body).toBe('\u201cCafé\u201d €5');
  });

  it('strips scripts and event handlers from an HTML body', async () => {
    await deliver(
      port,
      [inbound],
      message(
        {
          From: 'bea@client.test',
          To: inbound,
          Subject: 'Scripted',
          'Content-Type': 'text/html; charset=utf-8',
        },
        '<p onclick="steal()">Hi <b>there</b></p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">link</a>',
      ),
    );
    const activity = await emailTo('Scripted');
    expect(activity.bodyFormat).toBe('html');
    expect(activity.body).toBe('<p>Hi <b>there</b></p><img src="x" /><a>link</a>');
  });

  it('sniffs an attachment whose content type lies, and never serves it as a page', async () => {
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>').toString(
      'base64',
    );
    const pdf = Buffer.from('%PDF-1.4\n%fake but starts like one\n').toString('base64');
    const raw = [
      'From: bea@client.test',
      `To: ${inbound}`,
      'Subject: Lying attachments',
      'Message-ID: <lying@client.test>',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--B',
      'Content-Type: image/png; name="photo.png"',
      'Content-Disposition: attachment; filename="photo.png"',
      'Content-Transfer-Encoding: base64',
      '',
      html,
      '--B',
      'Content-Type: text/html; name="invoice.html"',
      'Content-Disposition: attachment; filename="invoice.html"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf,
      '--B--',
      '',
    ].join('\r\n');
    await deliver(port, [inbound], raw);
    const email = await emailTo('Lying attachments');
    const rowsOf = await app.db.read((x) =>
      x.execute<{ id: string; filename: string; declared_type: string; content_type: string }>(
        `SELECT a.id, a.filename, a.declared_type, a.content_type FROM mail_attachments a
          JOIN mail_messages m ON m.workspace_id = a.workspace_id AND m.id = a.mail_id
          WHERE m.message_id = '<lying@client.test>' ORDER BY a.filename` as never,
      ),
    );
    const files = (
      rowsOf as unknown as {
        rows: { id: string; filename: string; declared_type: string; content_type: string }[];
      }
    ).rows;
    expect(files.map((f) => [f.filename, f.declared_type, f.content_type])).toEqual([
      ['invoice.html', 'text/html', 'application/pdf'],
      ['photo.png', 'image/png', 'text/html'],
    ]);
    const download = await app.call('GET', `/api/v1/mail/attachments/${files[1].id}`, { as: admin.cookie });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="photo.png"; filename*=UTF-8''photo.png`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.body).toBe('<html><body><script>alert(document.cookie)</script></body></html>');
    // The email activity lists its captured files like uploaded ones, downloaded through mail's route.
    const listed = await app.call('GET', `/api/v1/activities/${email.id}/attachments`, { as: admin.cookie });
    expect(
      listed
        .json<{
          data: { id: string; fileName: string; contentType: string; source: string; url: string }[];
        }>()
        .data.map((f) => [f.fileName, f.contentType, f.source, f.url])
        .sort(),
    ).toEqual([
      ['invoice.html', 'application/pdf', 'mail', `/api/v1/mail/attachments/${files[0].id}`],
      ['photo.png', 'text/html', 'mail', `/api/v1/mail/attachments/${files[1].id}`],
    ]);
    const pdfDownload = await app.call('GET', `/api/v1/mail/attachments/${files[0].id}`, {
      as: admin.cookie,
    });
    expect(pdfDownload.headers['content-type']).toBe('application/pdf');
    const other = await app.signup('Elsewhere');
    expect(
      (await app.call('GET', `/api/v1/mail/attachments/${files[0].id}`, { as: other.cookie })).status,
    ).toBe(404);
  });
});
