import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Highlight } from '../contract';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };

/** A day's quality snapshot of an object, `daysAgo` UTC days before today; only the score matters here. */
const snapshot = (workspaceId: string, object: string, daysAgo: number, score: number) =>
  app.db.write((tx) =>
    tx.execute(sql`INSERT INTO quality_snapshots (workspace_id, object, day, records, score, stale, duplicates_waiting, fields)
      VALUES (${workspaceId}, ${object}, (now() AT TIME ZONE 'UTC')::date - ${daysAgo}::int, 10, ${score}, 0, 0, '[]'::jsonb)`),
  );

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  await app.call('PATCH', '/api/v1/insights/settings', { as: admin.cookie, body: { weeklyHighlight: true } });
  const ws = admin.workspaceId;
  // Contacts: this week's latest is 72.5 (a day ago, after 65 three days ago); the latest at least
  // seven days before that day is 60 (eight days ago), not the older 10: a rise of 12.5.
  await snapshot(ws, 'contacts', 20, 10);
  await snapshot(ws, 'contacts', 8, 60);
  await snapshot(ws, 'contacts', 3, 65);
  await snapshot(ws, 'contacts', 1, 72.5);
  // Accounts: 75 two days ago against 70 nine days ago: a rise of 5.
  await snapshot(ws, 'accounts', 9, 70);
  await snapshot(ws, 'accounts', 2, 75);
  // Deals fell (80 to 78): no praise. Leads have nothing a week before: nothing to compare.
  await snapshot(ws, 'deals', 8, 80);
  await snapshot(ws, 'deals', 0, 78);
  await snapshot(ws, 'leads', 0, 90);
  // Products rose, but their latest snapshot is older than a week: not this week's news.
  await snapshot(ws, 'products', 20, 10);
  await snapshot(ws, 'products', 8, 50);
  // Another workspace's rise is its own.
  const other = await app.signup('Other');
  await snapshot(other.workspaceId, 'deals', 8, 0);
  await snapshot(other.workspaceId, 'deals', 1, 100);
});
afterAll(() => app.close());

describe('the weekly highlight of data quality', () => {
  it('praises the objects whose quality score rose most over the week before, largest rise first', async () => {
    const answer = await app.call('GET', '/api/v1/insights/highlight', { as: admin.cookie });
    expect(answer.status, answer.body).toBe(200);
    expect(answer.json<Highlight>().quality).toEqual([
      { object: 'contacts', label: 'Contacts', thisWeek: 72.5, weekBefore: 60 },
      { object: 'accounts', label: 'Accounts', thisWeek: 75, weekBefore: 70 },
    ]);
  });
});
