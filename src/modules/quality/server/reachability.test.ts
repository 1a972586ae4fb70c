import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;
let workspaceId: string;

beforeAll(async () => {
  app = await createTestApp();
  ({ cookie: admin, workspaceId } = await app.signup());
});
afterAll(() => app.close());

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const contact = async (lastName: string) =>
  (await app.call('POST', '/api/v1/contacts', { as: admin, body: { firstName: 'Pat', lastName } })).json<{
    id: string;
  }>();
async function email(contactId: string, direction: 'inbound' | 'outbound', at: string) {
  const created = await app.call('POST', '/api/v1/activities', {
    as: admin,
    body: {
      type: 'email',
      direction,
      subject: 'Hello',
      occurredAt: at,
      links: [{ object: 'contacts', id: contactId }],
    },
  });
  expect(created.status).toBe(201);
  return created.json<{ id: string }>();
}
const stoppedOf = async (id: string) =>
  (await app.call('GET', `/api/v1/contacts/${id}/quality`, { as: admin })).json<{ emailsStopped: unknown }>()
    .emailsStopped;

describe('emails stopped', () => {
  it('flags a contact who sent 3 or more emails but none for 6 months', async () => {
    const quiet = await contact('Quiet');
    const times = [daysAgo(400), daysAgo(300), daysAgo(200)];
    const sent = [];
    for (const at of times) sent.push(await email(quiet.id, 'inbound', at));
    // Our own emails to them do not count as theirs.
    await email(quiet.id, 'outbound', daysAgo(1));
    expect(await stoppedOf(quiet.id)).toEqual({ inboundEmails: 3, lastInboundAt: times[2] });

    // One of the three in the recycle bin: two are too few to call it a habit.
    await app.call('DELETE', `/api/v1/activities/${sent[0].id}`, { as: admin });
    expect(await stoppedOf(quiet.id)).toBeNull();
  });

  it('does not flag a contact who still emails, nor one who never did', async () => {
    const active = await contact('Active');
    for (const days of [400, 300, 20]) await email(active.id, 'inbound', daysAgo(days));
    expect(await stoppedOf(active.id)).toBeNull();
    expect(await stoppedOf((await contact('Silent')).id)).toBeNull();
    const account = (
      await app.call('POST', '/api/v1/accounts', { as: admin, body: { name: 'No Mail Co' } })
    ).json<{ id: string }>();
    const accountQuality = await app.call('GET', `/api/v1/accounts/${account.id}/quality`, { as: admin });
    expect(Object.keys(accountQuality.json())).toEqual(['id', 'score', 'missing', 'invalid']);
  });

  it("forgets a contact's bounces when the contact is erased", async () => {
    const gone = await contact('Gone');
    await app.db.write((tx) =>
      tx.execute(sql`INSERT INTO email_bounces (workspace_id, contact_id, address, at, reason, mail_id)
        VALUES (${workspaceId}, ${gone.id}, 'gone@old.test', now(), '550 unknown', ${gone.id})`),
    );
    const bounces = async () =>
      (await app.call('GET', `/api/v1/contacts/${gone.id}/quality`, { as: admin })).json<{
        emailBounces: { address: string }[];
      }>().emailBounces;
    expect((await bounces()).map((b) => b.address)).toEqual(['gone@old.test']);
    const erased = await app.call('POST', `/api/v1/contacts/${gone.id}/erase`, {
      as: admin,
      body: { confirm: gone.id },
    });
    expect(erased.status).toBe(200);
    const [left] = await app.db.read((x) =>
      rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM email_bounces WHERE contact_id = ${gone.id}`),
    );
    expect(left.n).toBe(0);
  });

  it("moves a merged contact's bounces to the survivor, and back when the merge is undone", async () => {
    // Two records of one person with the same address; the bounce was kept on the one merged away.
    const body = { firstName: 'Pat', email: 'old@merged.test' };
    const make = async (lastName: string) =>
      (await app.call('POST', '/api/v1/contacts', { as: admin, body: { ...body, lastName } })).json<{
        id: string;
      }>();
    const survivor = await make('Survivor');
    const merged = await make('Merged');
    await app.db.write((tx) =>
      tx.execute(sql`INSERT INTO email_bounces (workspace_id, contact_id, address, at, reason, mail_id)
        VALUES (${workspaceId}, ${merged.id}, 'old@merged.test', now(), '550 no such user', ${merged.id})`),
    );
    const bouncedAt = async (id: string) =>
      (await app.call('GET', `/api/v1/contacts/${id}`, { as: admin })).json<{
        emailBouncedAt: string | null;
      }>().emailBouncedAt;
    const bouncesOf = async (id: string) =>
      (await app.call('GET', `/api/v1/contacts/${id}/quality`, { as: admin }))
        .json<{
          emailBounces: { address: string }[];
        }>()
        .emailBounces.map((b) => b.address);
    const merge = await app.call('POST', '/api/v1/contacts/merge', {
      as: admin,
      body: { survivorId: survivor.id, mergedIds: [merged.id] },
    });
    expect(merge.status, merge.body).toBe(200);
    expect(await bouncesOf(survivor.id)).toEqual(['old@merged.test']);
    expect(await bouncedAt(survivor.id)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const undone = await app.call(
      'POST',
      `/api/v1/merges/${merge.json<{ mergeId: string }>().mergeId}/undo`,
      {
        as: admin,
      },
    );
    expect(undone.status, undone.body).toBe(200);
    expect(await bouncesOf(survivor.id)).toEqual([]);
    expect(await bouncedAt(survivor.id)).toBeNull();
    expect(await bouncesOf(merged.id)).toEqual(['old@merged.test']);
  });
});
