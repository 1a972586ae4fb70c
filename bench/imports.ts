/**
 * Import bench: a CSV of N contacts (default 100,000) imported through the real HTTP endpoint and the
 * job queue into a fresh PostgreSQL database, matching by email; then the same file again (every row
 * matches and updates). Prints rows per second for each and the server's peak RSS.
 *
 *   npm run bench -- --run imports [--rows 100000] [--batch 1000]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { openPostgres, defaultPoolSize } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { readSettings } from '../src/server/env';
import { multipartBody } from '../src/modules/imports/server/importing';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, batch: { type: 'string', default: '1000' } },
});
const rows = Number(args.rows);
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `rapport_bench_imports_${Date.now().toString(36)}`;

function csvOf(n: number): string {
  const lines = ['First name,Last name,Email,Phone,Company,Job title'];
  for (let i = 0; i < n; i++)
    lines.push(
      `First${i},Last${i},person${i}@bench-import.example,+4420794${String(i % 100000).padStart(5, '0')},Company ${i % 1000},Title ${i % 37}`,
    );
  return `${lines.join('\n')}\n`;
}

const admin = new pg.Client(adminUrl);
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const db = await openPostgres(`postgres://postgres@127.0.0.1:5432/${name}`, defaultPoolSize);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  await migrate(db);
  const settings = readSettings({
    RAPPORT_SIGNUP: 'open',
    RAPPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-bench-import-')),
    RAPPORT_SECRET: 'bench-secret-of-enough-length',
    RAPPORT_IMPORT_BATCH: args.batch,
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp({ db, settings });
  await app.platform.jobs.start();
  const signup = await app.fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    headers: { origin: 'http://localhost:80' },
    payload: {
      workspaceName: 'Bench',
      name: 'Bench',
      email: 'bench@bench-import.example',
      password: 'bench-password-1',
    },
  });
  const cookie = String(signup.headers['set-cookie']).split(';')[0];
  const file = csvOf(rows);
  writeFileSync(join(settings.RAPPORT_DATA_DIR, 'bench.csv'), file);
  const mapping = {
    'First name': 'firstName',
    'Last name': 'lastName',
    Email: 'email',
    Phone: 'phone',
    Company: 'account.name',
    'Job title': 'title',
  };
  for (const round of ['create', 'update']) {
    const { body, contentType } = multipartBody({
      file,
      mapping,
      match: { field: 'email', onMatch: 'update' },
    });
    const started = Date.now();
    const response = await app.fastify.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { origin: 'http://localhost:80', cookie, 'content-type': contentType },
      payload: body,
    });
    const id = (JSON.parse(response.body) as { id: string }).id;
    let state: { status: string; processed: number; counts: Record<string, number> };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = JSON.parse(
        (await app.fastify.inject({ url: `/api/v1/imports/${id}`, headers: { cookie } })).body,
      ) as typeof state;
      if (!['queued', 'running'].includes(state.status)) break;
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${round}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (${state.status}, ${JSON.stringify(state.counts)})`,
    );
  }
  console.log(`peak RSS of the process (server and bench): ${Math.round(peakRss / 1024 / 1024)} MB`);
  await app.close();
} finally {
  clearInterval(sampler);
  await db.close();
  const cleanup = new pg.Client(adminUrl);
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await cleanup.end();
}
