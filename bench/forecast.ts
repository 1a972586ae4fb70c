import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app';
import { openPostgres } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { readSettings } from '../src/server/env';
import { plain, root } from './database';
import { ensureDatabase, generateDeals } from './forecastData';
import { loop, type Figures } from './measure';

/**
 * The forecast's targets (issue 11) with 1M deals on PostgreSQL, in its own database
 * `rapport_bench_deals_<N>` (built once with generate_series, then reused): the board's column
 * totals for a pipeline with 100k open deals (p95 ≤ 50 ms), the forecast rollup of a quarter across
 * all teams (≤ 300 ms) and the statistical forecast of a period (≤ 2 s). Each is a request through
 * the whole route (auth, permissions, validation, JSON), in-process with Fastify's inject, one at a time.
 */
const { values: args } = parseArgs({
  options: { deals: { type: 'string', default: '1000000' }, duration: { type: 'string', default: '10' } },
});
const dealCount = Number(args.deals);
const seconds = Number(args.duration);
const name = `rapport_bench_deals_${dealCount}`;
const email = 'forecast-bench@bench.test';
const password = 'bench-password-1';

const reused = await ensureDatabase(name);
const db = await openPostgres(`postgres://postgres@127.0.0.1:5432/${name}`, 10);
await migrate(db);
const settings = readSettings({
  ...process.env,
  RAPPORT_SIGNUP: 'open',
  RAPPORT_DATA_DIR: join(root, 'bench/.data/forecast'),
  RAPPORT_SECRET: 'bench-secret-of-enough-length',
  RAPPORT_LOGIN_LIMIT: '100000',
  LOG_LEVEL: 'warn',
});
const app = await buildApp({ db, settings });
await app.fastify.ready();
const origin = { origin: 'http://localhost:80' };
const inject = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
  app.fastify.inject({
    method,
    url,
    payload: payload as object,
    headers: { ...origin, ...(cookie ? { cookie } : {}) },
  });
const cookieOf = (r: Awaited<ReturnType<typeof inject>>) => {
  const set = [r.headers['set-cookie']]
    .flat()
    .map(String)
    .find((c) => c.startsWith('rapport_session='));
  if (!set) throw new Error(`no session: ${r.statusCode} ${r.body}`);
  return set.split(';')[0];
};

const [existing] = await plain<{ workspace_id: string; deals: number }>(
  db,
  `SELECT u.workspace_id, (SELECT count(*)::int FROM deals d WHERE d.workspace_id = u.workspace_id) AS deals
   FROM users u WHERE u.email = $1`,
  [email],
);
let cookie: string;
if (existing && existing.deals >= dealCount) {
  console.log(`Reusing ${name}: ${existing.deals} deals`);
  // A migration may have rewritten every deal (a new stored column): what autovacuum does after it, which
  // this machine's PostgreSQL has switched off, done at once so the run does not measure dead rows.
  await plain(db, 'VACUUM (ANALYZE) deals, deal_stage_history');
  cookie = cookieOf(await inject('POST', '/api/v1/auth/login', undefined, { email, password }));
} else {
  if (existing) throw new Error(`${name} holds a partial bench workspace: drop the database and run again`);
  const signup = await inject('POST', '/api/v1/auth/signup', undefined, {
    workspaceName: 'Forecast bench',
    name: 'Bench admin',
    email,
    password,
  });
  cookie = cookieOf(signup);
  const workspaceId = signup.json<{ workspace: { id: string } }>().workspace.id;
  const stages = ['Qualify', 'Discover', 'Propose', 'Negotiate'].map((n, i) => ({
    name: n,
    probability: [10, 30, 60, 80][i],
  }));
  for (const p of ['Renewals', 'Partners'])
    await inject('POST', '/api/v1/pipelines', cookie, {
      name: p,
      stages: [...stages, { name: 'Won', probability: 100 }, { name: 'Lost', probability: 0 }],
    });
  const pipelines = await plain<{ id: string }>(
    db,
    `SELECT id FROM pipelines WHERE workspace_id = $1 ORDER BY is_default DESC, name`,
    [workspaceId],
  );
  const started = performance.now();
  console.log(`Generating ${dealCount} deals in ${name}${reused ? ' (existing database)' : ''}…`);
  await generateDeals(
    db,
    workspaceId,
    pipelines.map((p) => p.id),
    dealCount,
  );
  // What autovacuum does after a bulk load, done at once so the run does not wait for it.
  await plain(db, 'VACUUM (ANALYZE) deals, deal_stage_history, exchange_rates, users');
  console.log(`  generated in ${Math.round((performance.now() - started) / 1000)} s`);
}

const [board] = await plain<{ id: string; open: number; total: number }>(
  db,
  `SELECT p.id, count(*) FILTER (WHERE d.closed_at IS NULL)::int AS open, count(*)::int AS total
   FROM pipelines p JOIN deals d ON d.workspace_id = p.workspace_id AND d.pipeline_id = p.id WHERE p.is_default GROUP BY p.id`,
);
const quarter = (() => {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
})();
const get = async (url: string) => {
  const r = await inject('GET', url, cookie);
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r;
};
const operations: { label: string; url: string; target: number; seconds: number }[] = [
  {
    label: `board column totals (${board.open} open of ${board.total} deals)`,
    url: `/api/v1/pipelines/${board.id}/board-totals`,
    target: 50,
    seconds,
  },
  {
    label: `forecast rollup ${quarter} by owner`,
    url: `/api/v1/forecast?period=${quarter}&groupBy=owner`,
    target: 300,
    seconds,
  },
  {
    label: `forecast rollup ${quarter} by team`,
    url: `/api/v1/forecast?period=${quarter}&groupBy=team`,
    target: 300,
    seconds,
  },
  {
    label: `statistical forecast ${quarter}`,
    url: `/api/v1/forecast/statistical?period=${quarter}`,
    target: 2000,
    seconds: Math.max(seconds, 15),
  },
];
const results: Record<string, Figures & { target: number; met: boolean }> = {};
console.log(`\n${'operation'.padEnd(58)}   p50      p95    runs  target`);
for (const op of operations) {
  await get(op.url);
  const f = await loop(1, op.seconds, () => get(op.url));
  const met = f.errors === 0 && f.p95 <= op.target;
  results[op.label] = { ...f, target: op.target, met };
  console.log(
    `${op.label.padEnd(58)} ${String(f.p50).padStart(7)} ${String(f.p95).padStart(8)} ${String(f.requests).padStart(6)}  p95 ≤ ${op.target} ms: ${met ? 'met' : 'NOT MET'}`,
  );
}
const sample = (await get(`/api/v1/forecast?period=${quarter}&groupBy=team`)).json<{ totals: unknown }>();
console.log('\nquarter totals:', JSON.stringify(sample.totals));
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/forecast-latest.json'),
  JSON.stringify({ at: new Date().toISOString(), deals: dealCount, results }, null, 2),
);
await app.close();
