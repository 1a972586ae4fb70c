import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let rep: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  rep = (await app.addUser(admin.cookie, 'rep')).cookie;
});
afterAll(() => app.close());

type Rec = Record<string, unknown> & { id: string };
const call = (method: string, path: string, body?: unknown, as = admin.cookie) =>
  app.call(method, `/api/v1${path}`, { as, body });
const create = async (object: string, body: Record<string, unknown>) => {
  const response = await call('POST', `/${object}`, body);
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<Rec>();
};

/** A captured message as the mail module stores it, written here so no SMTP listener is needed. */
async function storeMessage(subject: string, from: string, to: string[], activityId: string | null) {
  const id = uuidv7();
  const address = (a: string) => ({ address: a, name: a === from ? 'Grace Hopper' : '' });
  await app.db.write((tx) =>
    tx.execute(sql`INSERT INTO mail_messages (workspace_id, id, message_id, thread_id, source, direction,
        from_address, to_addresses, cc_addresses, subject, body_text, privacy, status, activity_id)
      VALUES (${admin.workspaceId}, ${id}, ${`<${id}@test>`}, ${id}, 'smtp', 'inbound',
        ${JSON.stringify(address(from))}::jsonb, ${JSON.stringify(to.map(address))}::jsonb, '[]'::jsonb,
        ${subject}, ${`Regards, Grace Hopper (${from})`}, 'full', ${activityId ? 'imported' : 'review'}, ${activityId}::uuid)`),
  );
  return id;
}

describe('erasure reaches', () => {
  it('custom fields and captured messages, and the export lists those messages first', async () => {
    const field = await call('POST', '/metadata/objects/contacts/fields', {
      name: 'nickname',
      label: 'Nickname',
      type: 'text',
    });
    expect(field.status).toBe(201);
    const grace = await create('contacts', {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'Grace@Navy.example',
      emails: ['amazing@home.example'],
      nickname: 'Amazing Grace',
    });
    const call1 = await create('activities', {
      type: 'email',
      subject: 'Compiler question',
      links: [{ object: 'contacts', id: grace.id }],
    });
    const linked = await storeMessage(
      'Compiler question',
      'grace@navy.example',
      ['sales@acme.example'],
      call1.id,
    );
    const review = await storeMessage('From home', 'amazing@home.example', ['sales@acme.example'], null);
    const other = await storeMessage('Unrelated', 'alan@other.example', ['sales@acme.example'], null);

    const exported = (await call('GET', `/contacts/${grace.id}/subject-access`)).json<{
      emails: { id: string }[];
      contact: Rec;
    }>();
    expect(exported.contact.nickname).toBe('Amazing Grace');
    expect(exported.emails.map((m) => m.id).sort()).toEqual([linked, review].sort());

    const erased = await call('POST', `/contacts/${grace.id}/erase`, { confirm: grace.id });
    expect(erased.status).toBe(200);
    expect(erased.json<{ fieldsCleared: string[] }>().fieldsCleared).toEqual([
      'email',
      'emails',
      'firstName',
      'lastName',
      'nickname',
    ]);
    const contact = (await call('GET', `/contacts/${grace.id}`)).json<Rec>();
    expect([contact.nickname, contact.emails, contact.email]).toEqual([null, [], null]);
    const messages = await app.db.read((x) =>
      rows<{ id: string; subject: string | null; body_text: string | null; from_address: unknown }>(
        x,
        sql`SELECT id, subject, body_text, from_address FROM mail_messages WHERE workspace_id = ${admin.workspaceId}`,
      ),
    );
    const byId = new Map(messages.map((m) => [m.id, m]));
    for (const id of [linked, review])
      expect(byId.get(id)).toMatchObject({
        subject: null,
        body_text: null,
        from_address: { address: 'erased', name: '' },
      });
    expect(byId.get(other)?.subject).toBe('Unrelated');
    const audit = (await call('GET', '/privacy/audit')).json<{ data: { action: string; detail: Rec }[] }>();
    expect(audit.data[0]).toMatchObject({ action: 'erase', detail: { messages: 2 } });
  });

  it('no further than the caller may see: a contact hidden from a rep is a 404 to them', async () => {
    const hidden = await create('contacts', { firstName: 'Private', lastName: 'Person' });
    await call('PATCH', '/metadata/objects/contacts', { visibility: 'owner' });
    try {
      expect((await call('GET', `/contacts/${hidden.id}/consents`, undefined, rep)).status).toBe(404);
      const post = await call(
        'POST',
        `/contacts/${hidden.id}/consents`,
        { channel: 'email', status: 'granted', source: 'web form' },
        rep,
      );
      expect(post.status).toBe(404);
      expect((await call('GET', `/contacts/${hidden.id}/consents`)).status).toBe(200);
    } finally {
      await call('PATCH', '/metadata/objects/contacts', { visibility: 'workspace' });
    }
  });
});
