import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { openPostgres, rows, type Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { readSettings } from '../src/server/env';

/**
 * Activities on PostgreSQL: the first timeline page of an account with 100,000 activities (its own,
 * its contacts' and deals'), over HTTP, one client; then 10,000 reminders due in the same minute,
 * made through the API, and how long after their time the last one has fired.
 *   node --import tsx bench/activities.ts --activities 100000 --reminders 10000 --requests 300
 */
const { values: args } = parseArgs({
  options: {
    activities: { type: 'string', default: '100000' },
    reminders: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '300' },
  },
});
const activityCount = Number(args.activities);
const reminderCount = Number(args.reminders);
const requests = Number(args.requests);
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDb = 'rapport_bench_activities';

async function recreate(): Promise<Database> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${benchDb}`);
  await admin.end();
  const db = await openPostgres(adminUrl.replace(/postgres$/, benchDb), 10);
  await migrate(db);
  return db;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const round = (n: number) => Math.round(n * 100) / 100;

const db = await recreate();
const app = await buildApp({
  db,
  settings: readSettings({ RAPPORT_SIGNUP: 'open', RAPPORT_SECRET: 'bench-secret-of-enough-length' }),
});
const base = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
const signup = await fetch(`${base}/api/v1/auth/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({
    workspaceName: 'Bench',
    name: 'Bench Admin',
    email: 'bench@example.com',
    password: 'bench-password-1',
  }),
});
const cookie = signup.headers.getSetCookie()[0].split(';')[0];
const { workspace, user } = (await signup.json()) as { workspace: { id: string }; user: { id: string } };
const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie, origin: base, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

// One account with 50 contacts and 10 deals; 100,000 activities spread over them and two years.
const account = await call<{ id: string }>('POST', '/accounts', { name: 'Globex' });
const contacts = await call<{ created: { id: string }[] }>('POST', '/contacts/bulk', {
  create: Array.from({ length: 50 }, (_, i) => ({ lastName: `Person ${i}`, accountId: account.id })),
});
const deals = await call<{ created: { id: string }[] }>('POST', '/deals/bulk', {
  create: Array.from({ length: 10 }, (_, i) => ({ name: `Deal ${i}`, accountId: account.id })),
});
const subjects = [
  { object: 'accounts', id: account.id },
  ...contacts.created.map((c) => ({ object: 'contacts', id: c.id })),
  ...deals.created.map((d) => ({ object: 'deals', id: d.id })),
];
let started = performance.now();
const ws = workspace.id;
const chunk = 10_000;
for (let done = 0; done < activityCount; done += chunk) {
  const links = JSON.stringify(subjects);
  await db.write(async (tx) => {
    await tx.execute(sql`INSERT INTO activities (workspace_id, id, type, subject, body_format, occurred_at, done, assignee_id, owner_id, links, search_text)
      SELECT ${ws}, gen_random_uuid(), (ARRAY['call','email','meeting','note','sms'])[1 + i % 5], 'Activity ' || i, 'text',
        now() - (random() * interval '730 days'), false, ${user.id}, ${user.id},
        jsonb_build_array((${links}::jsonb)->(i % ${subjects.length})), 'activity ' || i
      FROM generate_series(${done}, ${Math.min(done + chunk, activityCount) - 1}) AS i`);
  });
}
await db.write((tx) =>
  tx.execute(sql`INSERT INTO activity_links (workspace_id, activity_id, object, record_id, at, type)
    SELECT a.workspace_id, a.id, l->>'object', (l->>'id')::uuid, a.occurred_at, a.type
    FROM activities a CROSS JOIN LATERAL jsonb_array_elements(a.links) l WHERE a.workspace_id = ${ws}`),
);
console.log(`loaded ${activityCount} activities in ${round((performance.now() - started) / 1000)} s`);

async function timelineFigures(label: string, query: string) {
  const times: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < requests + 20; i++) {
    const t = performance.now();
    const page = await call<{ data: unknown[]; nextCursor: string | null }>(
      'GET',
      `/accounts/${account.id}/timeline?limit=50${query}`,
    );
    if (i >= 20) times.push(performance.now() - t);
    if (page.data.length !== 50) throw new Error(`${label}: a page of ${page.data.length}`);
    cursor ??= page.nextCursor;
  }
  times.sort((a, b) => a - b);
  const figures = {
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    p99: round(percentile(times, 0.99)),
  };
  console.log(
    `timeline ${label}: p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms (${requests} requests, 1 client)`,
  );
  return { figures, cursor };
}
const first = await timelineFigures('first page', '');
await timelineFigures('second page', `&cursor=${first.cursor}`);
await timelineFigures('interactions only', '&interactionsOnly=true');
await timelineFigures('calls only', '&types=call');

// 10,000 reminders at the same instant, made through the bulk API (each a task with its reminder).
await app.platform.jobs.start();
const due = new Date(Math.ceil((Date.now() + 60_000 + reminderCount * 6) / 60_000) * 60_000);
started = performance.now();
for (let done = 0; done < reminderCount; done += 1000)
  await call('POST', '/activities/bulk', {
    create: Array.from({ length: Math.min(1000, reminderCount - done) }, (_, i) => ({
      type: 'task',
      subject: `Reminder ${done + i}`,
      dueAt: due.toISOString(),
      reminderAt: due.toISOString(),
    })),
  });
console.log(
  `created ${reminderCount} tasks due ${due.toISOString()} in ${round((performance.now() - started) / 1000)} s`,
);
const count = async () =>
  (
    await db.read((x) =>
      rows<{ n: number; last: string | null }>(
        x,
        sql`SELECT count(*)::int AS n, max(created_at)::text AS last FROM notifications WHERE workspace_id = ${ws}`,
      ),
    )
  )[0];
let fired = await count();
if (fired.n > 0) throw new Error('reminders fired before their time');
while (fired.n < reminderCount && Date.now() < due.getTime() + 300_000) {
  await new Promise((r) => setTimeout(r, 500));
  fired = await count();
}
const spread = fired.last ? round((Date.parse(fired.last) - due.getTime()) / 1000) : null;
console.log(
  JSON.stringify({
    timelineFirstPage: first.figures,
    reminders: { count: reminderCount, fired: fired.n, lastFiredSecondsAfterDue: spread },
  }),
);
await app.close();
await db.close();
