import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import type { TestApp } from '../../../server/testing';
import type { Mailbox } from '../contract';
import { dovecotBinary, startDovecot } from './dovecot';
import { createMailTestApp, deliver, eventually, mailSettingsOf, message } from './mailTesting';

let dovecot: Awaited<ReturnType<typeof startDovecot>>;
let app: TestApp;
let rep: { cookie: string; userId: string };
let admin: { cookie: string; workspaceId: string };
let jane: { id: string };
let acme: { id: string };
let mailboxId: string;

async function append(raw: string) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: 'rep', pass: 'imap-pw-1' },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', raw);
  await client.logout();
}

const health = async () =>
  (await app.call('GET', `/api/v1/mail/mailboxes`, { as: rep.cookie })).json<{ data: Mailbox[] }>().data[0]
    .health;

async function syncedPast(attemptAfter: string | null) {
  return eventually(async () => {
    const h = await health();
    return h.lastAttemptAt !== null && (attemptAfter === null || h.lastAttemptAt > attemptAfter)
      ? h
      : undefined;
  });
}

async function emailsOfJane() {
  return (
    await app.call(
      'GET',
      `/api/v1/activities?filter[type][eq]=email&filter[links][eq]=contacts:${jane.id}&sort=occurredAt`,
      {
        as: rep.cookie,
      },
    )
  ).json<{ data: { subject: string; body: string | null }[] }>().data;
}

// A fresh machine without Dovecot skips these; CI (CI=true) installs it and never skips them.
const withDovecot = Boolean(dovecotBinary) || process.env.CI === 'true';

beforeAll(async () => {
  if (!withDovecot) return;
  dovecot = await startDovecot('rep', 'imap-pw-1');
  app = await createMailTestApp();
  admin = await app.signup();
  rep = await app.addUser(admin.cookie, 'rep');
  const create = async (object: string, body: object) =>
    (await app.call('POST', `/api/v1/${object}`, { as: admin.cookie, body })).json<{ id: string }>();
  acme = await create('accounts', { name: 'Acme', domain: 'acme.com' });
  jane = await create('contacts', { firstName: 'Jane', email: 'jane@acme.com', accountId: acme.id });
  await append(
    message(
      {
        From: 'jane@acme.com',
        To: 'rep@ourco.test',
        Subject: 'First',
        'Message-ID': '<m1@acme.com>',
        Date: 'Mon, 2 Nov 2026 09:00:00 +0000',
      },
      'one',
    ),
  );
  await append(
    message(
      {
        From: 'stranger@nowhere.test',
        To: 'rep@ourco.test',
        Subject: 'Stranger',
        'Message-ID': '<s1@nowhere.test>',
      },
      'who',
    ),
  );
  await append(
    message(
      {
        From: 'rep@ourco.test',
        To: 'jane@acme.com',
        Subject: 'Second',
        'Message-ID': '<m2@ourco.test>',
        Date: 'Mon, 2 Nov 2026 10:00:00 +0000',
      },
      'two',
    ),
  );
});
afterAll(async () => {
  await app?.close();
  await dovecot?.stop();
});

describe.skipIf(!withDovecot)(
  'IMAP mailbox sync (Dovecot on loopback; apt-get install dovecot-imapd)',
  () => {
    it('refuses a private host for a mailbox, and an incomplete one', async () => {
      const refused = await app.call('POST', '/api/v1/mail/mailboxes', {
        as: rep.cookie,
        body: { host: '0x0a000001', port: 143, secure: false, user: 'x', password: 'y' },
      });
      expect(refused.status).toBe(400);
      expect(refused.json().detail).toBe(
        'Rapport does not connect to 0x0a000001: 10.0.0.1: it is a private network address. An operator may allow it with RAPPORT_ALLOW_PRIVATE_HOSTS.',
      );
      expect(
        (await app.call('POST', '/api/v1/mail/mailboxes', { as: rep.cookie, body: { host: '127.0.0.1' } }))
          .status,
      ).toBe(400);
    });

    it('imports what matches, keeps the rest for review, and reports honest health', async () => {
      const created = await app.call('POST', '/api/v1/mail/mailboxes', {
        as: rep.cookie,
        body: {
          host: '127.0.0.1',
          port: dovecot.port,
          secure: false,
          user: 'rep',
          password: 'imap-pw-1',
          privacy: 'subject',
        },
      });
      expect(created.status).toBe(201);
      const box = created.json<Mailbox>();
      mailboxId = box.id;
      expect(created.body).not.toContain('imap-pw-1');
      expect(box.health).toMatchObject({ state: 'waiting', lastSuccessAt: null, seen: 0 });
      const h = await syncedPast(null);
      expect(h).toMatchObject({
        state: 'ok',
        seen: 3,
        imported: 2,
        waitingForReview: 1,
        failed: 0,
        lastError: null,
      });
      // Subject privacy: the team sees subjects, not bodies.
      expect(await emailsOfJane()).toMatchObject([
        { subject: 'First', body: null },
        { subject: 'Second', body: null },
      ]);
      const review = (await app.call('GET', '/api/v1/mail/review', { as: rep.cookie })).json<{
        data: { subject: string; mailboxId: string }[];
      }>();
      expect(review.data).toEqual([expect.objectContaining({ subject: 'Stranger', mailboxId })]);
      // A mailbox's review items are its owner's alone.
      expect(
        (await app.call('GET', '/api/v1/mail/review', { as: admin.cookie })).json<{ data: unknown[] }>().data,
      ).toEqual([]);
    });

    it('syncs incrementally by UID, and a message seen through the listener too is stored once', async () => {
      const { inboundAddress, listener } = await mailSettingsOf(app, admin.cookie);
      const third = message(
        {
          From: 'jane@acme.com',
          To: 'rep@ourco.test',
          Cc: inboundAddress,
          Subject: 'Third',
          'Message-ID': '<m3@acme.com>',
        },
        'three',
      );
      await deliver(listener.port, [inboundAddress], third);
      await eventually(async () => ((await emailsOfJane()).length === 3 ? true : undefined));
      await append(third);
      const before = (await health()).lastAttemptAt;
      expect(
        (await app.call('POST', `/api/v1/mail/mailboxes/${mailboxId}/sync`, { as: rep.cookie })).status,
      ).toBe(202);
      const h = await syncedPast(before);
      expect(h).toMatchObject({ state: 'ok', seen: 4, imported: 2, waitingForReview: 1, failed: 0 });
      expect((await emailsOfJane()).map((e) => e.subject)).toEqual(['First', 'Second', 'Third']);
      const [state] = await app.db.read((x) =>
        rows<{ lastUid: number }>(
          x,
          sql`SELECT last_uid AS "lastUid" FROM mailboxes WHERE id = ${mailboxId}`,
        ),
      );
      expect(Number(state.lastUid)).toBe(4);
    });

    it('says in plain words why a sync fails, and alerts the owner once when a mailbox has not synced for an hour', async () => {
      await app.call('PATCH', `/api/v1/mail/mailboxes/${mailboxId}`, {
        as: rep.cookie,
        body: { password: 'wrong' },
      });
      const before = (await health()).lastAttemptAt;
      await app.call('POST', `/api/v1/mail/mailboxes/${mailboxId}/sync`, { as: rep.cookie });
      const failing = await syncedPast(before);
      expect(failing.state).toBe('failing');
      expect(failing.lastError).toBe('The server refused the user name or password (Authentication failed.)');
      expect(failing.seen).toBe(4);

      await app.db.write((tx) =>
        tx.execute(
          sql`UPDATE mailboxes SET last_success_at = now() - interval '2 hours', last_attempt_at = now() - interval '3 hours', last_error = NULL`,
        ),
      );
      expect((await health()).state).toBe('stale');
      const notifications = () =>
        app.db.read((x) =>
          rows<{ title: string; kind: string }>(
            x,
            sql`SELECT title, kind FROM notifications WHERE user_id = ${rep.userId}`,
          ),
        );
      await app.platform.jobs.send('mail.sync-all', {});
      await eventually(async () => ((await notifications()).length ? true : undefined));
      await app.platform.jobs.send('mail.sync-all', {});
      await syncedPast(new Date(Date.now() - 1000).toISOString());
      expect(await notifications()).toEqual([
        { kind: 'mailboxStale', title: `Your mailbox rep at 127.0.0.1 has not synced for over an hour` },
      ]);
    });
  },
);
