import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

const boundary = 'erasure-boundary';
const attach = async (activityId: string, fileName: string) => {
  const response = await app.fastify.inject({
    method: 'POST',
    url: `/api/v1/activities/${activityId}/attachments`,
    headers: {
      origin: 'http://localhost:80',
      cookie: `rapport_session=${admin}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\nAbout the person\r\n--${boundary}--\r\n`,
  });
  if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
};
const create = async (object: string, body: Record<string, unknown>) =>
  (await app.call('POST', `/api/v1/${object}`, { as: admin, body })).json<{ id: string }>().id;
const listed = async (activityId: string) =>
  (await app.call('GET', `/api/v1/activities/${activityId}/attachments`, { as: admin }))
    .json<{ data: { fileName: string }[] }>()
    .data.map((f) => f.fileName);
const stored = (id: string, workspaceId: string) =>
  existsSync(join(app.platform.settings.RAPPORT_DATA_DIR, 'files', 'activities', workspaceId, id));

/** A message waiting in review with one file, written as the mail module stores them (no listener needed). */
async function storeMessage(workspaceId: string, from: string, storageKey: string) {
  const id = uuidv7();
  await app.platform.files.put(storageKey, Buffer.from('shared bytes'));
  await app.db.write(async (tx) => {
    await tx.execute(sql`INSERT INTO mail_messages (workspace_id, id, message_id, thread_id, source, direction,
        from_address, to_addresses, cc_addresses, subject, body_text, privacy, status)
      VALUES (${workspaceId}, ${id}, ${`<${id}@test>`}, ${id}, 'smtp', 'inbound',
        ${JSON.stringify({ address: from, name: '' })}::jsonb, '[]'::jsonb, '[]'::jsonb, 'Hello', 'Hi', 'body', 'review')`);
    await tx.execute(sql`INSERT INTO mail_attachments (workspace_id, id, mail_id, filename, content_type, size, sha256, storage_key)
      VALUES (${workspaceId}, ${uuidv7()}, ${id}, 'scan.txt', 'text/plain', 12, 'x', ${storageKey})`);
  });
}
const mailFile = (key: string) => existsSync(join(app.platform.settings.RAPPORT_DATA_DIR, 'files', key));

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('erasure and attachments', () => {
  it('deletes the files of the activities and messages about the person alone, and keeps shared ones', async () => {
    const signup = await app.signup();
    admin = signup.cookie;
    const ada = await create('contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.test',
    });
    const ws = signup.workspaceId;
    await storeMessage(ws, 'ada@example.test', `mail/${ws}/only-hers`);
    await storeMessage(ws, 'ada@example.test', `mail/${ws}/also-elsewhere`);
    await storeMessage(ws, 'bob@example.test', `mail/${ws}/also-elsewhere`);
    const bob = await create('contacts', { firstName: 'Bob', lastName: 'Shared' });
    const alone = await create('activities', { type: 'call', links: [{ object: 'contacts', id: ada }] });
    const shared = await create('activities', {
      type: 'meeting',
      links: [
        { object: 'contacts', id: ada },
        { object: 'contacts', id: bob },
      ],
    });
    const hers = await attach(alone, 'ada-passport.txt');
    const theirs = await attach(shared, 'minutes.txt');
    expect(stored(hers, signup.workspaceId)).toBe(true);
    await app.db.write((tx) =>
      tx.execute(sql`INSERT INTO email_bounces (workspace_id, contact_id, address, at, reason, mail_id)
        VALUES (${ws}, ${ada}, 'ada@example.test', now(), '550 mailbox unknown', ${ada})`),
    );
    // Before erasure, the subject access export lists her files and the bounces of her address.
    const exported = (await app.call('GET', `/api/v1/contacts/${ada}/subject-access`, { as: admin })).json<{
      files: { fileName: string; url: string }[];
      emailBounces: { reason: string }[];
    }>();
    expect(exported.files.map((f) => f.fileName).sort()).toEqual(['ada-passport.txt', 'minutes.txt']);
    expect(exported.files[0].url).toMatch(/^\/api\/v1\/attachments\//);
    expect(exported.emailBounces.map((b) => b.reason)).toEqual(['550 mailbox unknown']);

    const erased = await app.call('POST', `/api/v1/contacts/${ada}/erase`, {
      as: admin,
      body: { confirm: 'Ada Lovelace' },
    });
    expect(erased.status).toBe(200);
    expect(await listed(alone)).toEqual([]);
    expect(stored(hers, signup.workspaceId)).toBe(false);
    expect(await listed(shared)).toEqual(['minutes.txt']);
    expect(stored(theirs, signup.workspaceId)).toBe(true);
    const audit = (await app.call('GET', '/api/v1/privacy/audit?limit=10', { as: admin })).json<{
      data: { action: string; detail: Record<string, unknown> }[];
    }>().data;
    expect(audit.find((a) => a.action === 'erase')?.detail).toMatchObject({
      attachmentsRemoved: 1,
      mailFilesRemoved: 1,
    });
    // A captured file is kept by content: it stays while another message still has it.
    expect(mailFile(`mail/${ws}/only-hers`)).toBe(false);
    expect(mailFile(`mail/${ws}/also-elsewhere`)).toBe(true);
  });
});
