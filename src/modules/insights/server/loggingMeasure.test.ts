import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { measureValue } from './measures.setup';

/*
 * Reps logging activity weekly, dated by hand (users joined 2026-01-01 unless said; deals created then):
 *   r1 owns an open deal; logged 03-02, 03-09, 03-16, 03-23
 *   r2 owns an open deal; logged 03-02, 03-03, 03-16, 03-23; an email captured for r2 on 03-09 (logged
 *      by no one) and an activity of 03-10 in the recycle bin
 *   r3 owned a deal closed 02-15; logged 01-20, 01-27, 02-03, 02-10 and 03-02, 03-09, 03-16, 03-23
 *   r4 owns an open deal, joined 03-10; logged 03-16, 03-23
 *   r5 owns an open deal, disabled; logged nothing
 *   the admin owns no deal; logged 03-02, 03-09, 03-16, 03-23
 */
let app: TestApp;
let admin: { cookie: string; workspaceId: string; userId: string };
type Person = { cookie: string; userId: string };
const run = (query: ReturnType<typeof sql>) => app.db.write((tx) => tx.execute(query));
const at = (date: string) => `${date}T12:00:00Z`;

async function created(as: string, url: string, body: unknown) {
  const answer = await app.call('POST', url, { as, body });
  expect(answer.status, answer.body).toBe(201);
  return answer.json<{ id: string }>().id;
}

async function rep(joined = '2026-01-01') {
  const person = await app.addUser(admin.cookie, 'rep');
  await run(sql`UPDATE users SET created_at = ${at(joined)}::timestamptz WHERE id = ${person.userId}`);
  return person;
}

async function deal(owner: Person, closedAt: string | null = null) {
  const id = await created(admin.cookie, '/api/v1/deals', { name: 'Deal', ownerId: owner.userId });
  await run(
    sql`UPDATE deals SET created_at = ${at('2026-01-01')}::timestamptz, closed_at = ${closedAt && at(closedAt)}::timestamptz WHERE id = ${id}`,
  );
}

/** Activities `person` logs themselves, one on each day given. */
async function logged(person: { cookie: string }, ...days: string[]) {
  const ids: string[] = [];
  for (const date of days) {
    const id = await created(person.cookie, '/api/v1/activities', { type: 'call', subject: 'Call' });
    await run(sql`UPDATE activities SET created_at = ${at(date)}::timestamptz WHERE id = ${id}`);
    ids.push(id);
  }
  return ids;
}

const valueOf = (from: string, to: string) => measureValue(app, admin.cookie, 'repsLoggingWeekly', from, to);
const catalogueEntry = async (cookie: string) => {
  const list = await app.call('GET', '/api/v1/insights/measures', { as: cookie });
  expect(list.status, list.body).toBe(200);
  return list
    .json<{ data: { id: string; dataAvailable: boolean; reason?: string }[] }>()
    .data.find((m) => m.id === 'repsLoggingWeekly');
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const [r1, r2, r3, r4, r5] = [await rep(), await rep(), await rep(), await rep('2026-03-10'), await rep()];
  await deal(r1);
  await deal(r2);
  await deal(r3, '2026-02-15');
  await deal(r4);
  await deal(r5);
  const march = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
  await logged(r1, ...march);
  await logged(r2, '2026-03-02', '2026-03-03', '2026-03-16', '2026-03-23');
  const [captured] = await logged(r2, '2026-03-09');
  await run(sql`UPDATE activities SET created_by = NULL WHERE id = ${captured}`);
  const [binned] = await logged(r2, '2026-03-10');
  expect((await app.call('DELETE', `/api/v1/activities/${binned}`, { as: r2.cookie })).status).toBe(204);
  await logged(r3, '2026-01-20', '2026-01-27', '2026-02-03', '2026-02-10', ...march);
  await logged(r4, '2026-03-16', '2026-03-23');
  await logged(admin, ...march);
  const disabled = await app.call('PATCH', `/api/v1/users/${r5.userId}`, {
    as: admin.cookie,
    body: { disabled: true },
  });
  expect(disabled.status, disabled.body).toBe(200);
});
afterAll(() => app.close());

describe('reps logging activity weekly', () => {
  it('4 weeks to 2026-03-29: r1 logged in each, r2 missed the week of 03-08; r3, r4, r5 and the admin are not counted', async () => {
    expect(await valueOf('2026-03-01', '2026-03-29')).toBe(0.5);
  });
  it('4 weeks to 2026-02-15: r3 (whose deal was still open then) logged in each, r1 and r2 in none', async () => {
    expect(await valueOf('2026-01-18', '2026-02-15')).toBe(0.3333);
  });
  it('counts whole weeks back from the end: 12 days to 03-29 are the week of 03-22, when r1, r2 and r4 (joined by then) logged', async () => {
    expect(await valueOf('2026-03-17', '2026-03-29')).toBe(1);
  });
  it('has no figure for a period shorter than a week', async () => {
    expect(await valueOf('2026-03-01', '2026-03-05')).toBe(null);
  });
  it('is a measure of the catalogue an objective can use', async () => {
    expect(await catalogueEntry(admin.cookie)).toMatchObject({ dataAvailable: true });
    const objective = await app.call('POST', '/api/v1/objectives', {
      as: admin.cookie,
      body: {
        name: '90% of reps log activity every week',
        measure: 'repsLoggingWeekly',
        baseline: 0.5,
        target: 0.9,
        dueDate: '2026-12-31',
      },
    });
    expect(objective.status, objective.body).toBe(201);
  });
  it('says what it needs where there are no reps or no activities yet', async () => {
    const other = await app.signup('Other');
    expect(await catalogueEntry(other.cookie)).toMatchObject({
      dataAvailable: false,
      reason: 'needs reps: users who own deals (no enabled user owns one yet)',
    });
    await created(other.cookie, '/api/v1/deals', { name: 'Mine', ownerId: other.userId });
    expect(await catalogueEntry(other.cookie)).toMatchObject({
      dataAvailable: false,
      reason: 'needs activities logged by users (none has logged one yet)',
    });
  });
});
