import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rebuildOrderEconomics } from '../src/modules/orders/server/economics';
import { buildApp } from '../src/server/app';
import { openPostgres } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { readSettings } from '../src/server/env';
import { plain, root } from './database';
import { ensureDatabase, generateDeals } from './forecastData';
import { loop, type Figures } from './measure';
import { generateAccounts, generateOrders } from './ordersData';

/**
 * Prospect to payment and margins (issue 14) over 1M deals and 2M order lines on PostgreSQL, in its own
 * database `rapport_bench_orders_<N>` (built once with generate_series, then reused): 100,000 accounts,
 * N deals (as the forecast bench makes them, without stage history), an accepted quote and an order
 * for each won deal, and the order lines. Each report is a request through the whole route (auth,
 * permissions, validation, JSON), in-process with Fastify's inject, one at a time; target ≤ 1 s.
 */
const { values: args } = parseArgs({
  options: {
    deals: { type: 'string', default: '1000000' },
    lines: { type: 'string', default: '2000000' },
    duration: { type: 'string', default: '10' },
  },
});
const dealCount = Number(args.deals);
const lineCount = Number(args.lines);
const seconds = Number(args.duration);
const name = `rapport_bench_orders_${dealCount}`;
const email = 'orders-bench@bench.test';
const password = 'bench-password-1';

const reused = await ensureDatabase(name);
const db = await openPostgres(`postgres://postgres@127.0.0.1:5432/${name}`, 10);
await migrate(db);
const settings = readSettings({
  ...process.env,
  RAPPORT_SIGNUP: 'open',
  RAPPORT_DATA_DIR: join(root, 'bench/.data/orders'),
  RAPPORT_SECRET: 'bench-secret-of-enough-length',
  RAPPORT_LOGIN_LIMIT: '100000',
  LOG_LEVEL: 'warn',
});
const app = await buildApp({ db, settings });
await app.fastify.ready();
const inject = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
  app.fastify.inject({
    method,
    url,
    payload: payload as object,
    headers: { origin: 'http://localhost:80', ...(cookie ? { cookie } : {}) },
  });
const cookieOf = (r: Awaited<ReturnType<typeof inject>>) => {
  const set = [r.headers['set-cookie']]
    .flat()
    .map(String)
    .find((c) => c.startsWith('rapport_session='));
  if (!set) throw new Error(`no session: ${r.statusCode} ${r.body}`);
  return set.split(';')[0];
};

const [existing] = await plain<{ workspace_id: string; deals: number; lines: number }>(
  db,
  `SELECT u.workspace_id, (SELECT count(*)::int FROM deals d WHERE d.workspace_id = u.workspace_id) AS deals,
     (SELECT count(*)::int FROM order_lines l WHERE l.workspace_id = u.workspace_id) AS lines
   FROM users u WHERE u.email = $1`,
  [email],
);
let cookie: string;
if (existing && existing.deals >= dealCount && existing.lines > 0) {
  console.log(`Reusing ${name}: ${existing.deals} deals, ${existing.lines} order lines`);
  cookie = cookieOf(await inject('POST', '/api/v1/auth/login', undefined, { email, password }));
} else {
  if (existing) throw new Error(`${name} holds a partial bench workspace: drop the database and run again`);
  const signup = await inject('POST', '/api/v1/auth/signup', undefined, {
    workspaceName: 'Orders bench',
    name: 'Bench admin',
    email,
    password,
  });
  cookie = cookieOf(signup);
  const workspaceId = signup.json<{ workspace: { id: string } }>().workspace.id;
  const [pipeline] = await plain<{ id: string }>(
    db,
    `SELECT id FROM pipelines WHERE workspace_id = $1 AND is_default`,
    [workspaceId],
  );
  const started = performance.now();
  console.log(`Generating ${dealCount} deals in ${name}${reused ? ' (existing database)' : ''}…`);
  await generateAccounts(db, workspaceId, Math.max(1, Math.round(dealCount / 10)));
  await generateDeals(db, workspaceId, [pipeline.id, pipeline.id, pipeline.id], dealCount, {
    history: false,
  });
  console.log(`\nGenerating quotes, orders and ${lineCount} order lines…`);
  await generateOrders(db, workspaceId, lineCount);
  // The lines were generated in SQL, not booked through the orders' write path: the sums it keeps follow.
  await db.write((tx) => rebuildOrderEconomics(tx, workspaceId));
  // What autovacuum does after a bulk load, done at once so the run does not wait for it.
  await plain(
    db,
    'VACUUM (ANALYZE) accounts, deals, quotes, orders, order_lines, order_sums, order_product_days, products, exchange_rates, users',
  );
  console.log(`\n  generated in ${Math.round((performance.now() - started) / 1000)} s`);
}

const [sizes] = await plain<{ deals: number; won: number; orders: number; lines: number }>(
  db,
  `SELECT (SELECT count(*)::int FROM deals) AS deals,
     (SELECT count(*)::int FROM deals WHERE forecast_category = 'closedWon') AS won,
     (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM order_lines) AS lines`,
);
console.log(`${sizes.deals} deals, ${sizes.won} won, ${sizes.orders} orders, ${sizes.lines} order lines`);
const get = async (url: string) => {
  const r = await inject('GET', url, cookie);
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r;
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const operations: { label: string; url: string }[] = [
  { label: 'prospect to payment, all won deals', url: '/api/v1/orders/cycle' },
  { label: 'prospect to payment, won in the last year', url: `/api/v1/orders/cycle?from=${day(-365)}` },
  ...(['deal', 'account', 'product', 'owner'] as const).map((by) => ({
    label: `margin by ${by}, all orders`,
    url: `/api/v1/orders/margin?by=${by}`,
  })),
  {
    label: 'revenue and margin by month, last two years',
    url: `/api/v1/orders/revenue?period=month&from=${day(-730)}&to=${day(0)}`,
  },
];
const target = 1000;
const results: Record<string, Figures & { target: number; met: boolean }> = {};
console.log(`\n${'report'.padEnd(48)}   p50      p95    runs  target`);
for (const op of operations) {
  await get(op.url);
  const f = await loop(1, seconds, () => get(op.url));
  const met = f.errors === 0 && f.p95 <= target;
  results[op.label] = { ...f, target, met };
  console.log(
    `${op.label.padEnd(48)} ${String(f.p50).padStart(7)} ${String(f.p95).padStart(8)} ${String(f.requests).padStart(6)}  p95 ≤ ${target} ms: ${met ? 'met' : 'NOT MET'}`,
  );
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/orders-report-latest.json'),
  JSON.stringify({ at: new Date().toISOString(), ...sizes, results }, null, 2),
);
await app.close();
