import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, rows, type Database } from '../src/server/db/database';
import { JobQueue } from '../src/server/jobs/queue';

/**
 * Jobs per second through a no-op handler: N jobs sent in chunks (one statement per chunk), then run
 * by one worker that takes batches of `--batch`; each figure is for the whole phase.
 *   node --import tsx bench/jobs.ts --db postgres --jobs 20000 --batch 500
 */
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    jobs: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
  },
});
const total = Number(args.jobs);
const batchSize = Number(args.batch);
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDb = 'rapport_bench_jobs';

async function recreate(): Promise<void> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${benchDb}`);
  await admin.end();
}

async function open(): Promise<Database> {
  if (args.db === 'pglite') return openPglite();
  await recreate();
  return openPostgres(adminUrl.replace(/postgres$/, benchDb), 10);
}

const db = await open();
let handled = 0;
const queue = new JobQueue(db, (error) => console.error(error), { batchSize, pollingMs: 100 });
queue.define('noop', async () => void handled++, { retryLimit: 0 });
await queue.ready('noop');

const chunk = 1000;
let started = performance.now();
for (let sent = 0; sent < total; sent += chunk)
  await queue.sendMany(
    'noop',
    Array.from({ length: Math.min(chunk, total - sent) }, (_, i) => ({ data: { n: sent + i } })),
  );
const sendSeconds = (performance.now() - started) / 1000;

started = performance.now();
await queue.start();
while (handled < total) await new Promise((r) => setTimeout(r, 20));
const runSeconds = (performance.now() - started) / 1000;
await queue.stop();
const [{ completed }] = await db.read((x) =>
  rows<{ completed: number }>(
    x,
    sql`SELECT count(*)::int AS completed FROM pgboss.job WHERE state = 'completed'`,
  ),
);
await db.close();

console.log(
  JSON.stringify({
    db: db.kind,
    jobs: total,
    batchSize,
    sentPerSecond: Math.round(total / sendSeconds),
    runPerSecond: Math.round(total / runSeconds),
    completed,
  }),
);
