import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { aggregateRecords, type AggregateRequest } from '../src/server/engine/aggregate';
import { openTarget, plain, prepare, root, targetFor, type Target, type Workspace } from './database';
import { ensureBenchFields, load, quiet } from './fields';
import { hammer, startServer, type Server } from './http';
import { loop, type Figures } from './measure';
import { adminObjects, capturing, type Captured } from './workload';

/**
 * `POST /{object}/aggregate` over the bench workspace: the engine's SQL explained (is the plan
 * index-backed?), run raw through the driver, then over HTTP against the targets.
 * PostgreSQL only: the targets are set for it, at 1,000,000 contacts.
 */

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
  },
});
const contactCount = Number(args.contacts);
const seconds = Number(args.duration);
if (!Number.isInteger(contactCount) || contactCount < 1000)
  throw new Error('--contacts takes a whole number >= 1000');
const concurrencies = [1, 4];

interface Operation {
  label: string;
  object: string;
  body: AggregateRequest;
  /** p95 target in ms at one connection, where the issue sets one */
  target?: number;
}

const operations: Record<string, Operation> = {
  countByStage: {
    label: 'contacts: count by lifecycle stage',
    object: 'contacts',
    body: { groupBy: ['lifecycleStage'], measures: [{ fn: 'count' }] },
    target: 100,
  },
  // Contacts have no standard number field: `score` is a number custom field (in the `custom` JSONB)
  // that bench/fields.ts adds; `version`, the integer column every record has, shows what JSONB costs.
  countSumByStage: {
    label: 'contacts: count + sum(score) by stage',
    object: 'contacts',
    body: { groupBy: ['lifecycleStage'], measures: [{ fn: 'count' }, { fn: 'sum', field: 'score' }] },
    target: 100,
  },
  countSumVersionByStage: {
    label: 'contacts: count + sum(version) by stage',
    object: 'contacts',
    body: { groupBy: ['lifecycleStage'], measures: [{ fn: 'count' }, { fn: 'sum', field: 'version' }] },
  },
  countByMonth: {
    label: 'contacts: count by month created',
    object: 'contacts',
    body: { groupBy: [{ field: 'createdAt', bucket: 'month' }], measures: [{ fn: 'count' }] },
    target: 150,
  },
  countSumByMonth: {
    label: 'contacts: count + sum(score) by month',
    object: 'contacts',
    body: {
      groupBy: [{ field: 'createdAt', bucket: 'month' }],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'score' }],
    },
    target: 150,
  },
  revenueByIndustry: {
    label: 'accounts: count + sum(revenue) by industry',
    object: 'accounts',
    body: { groupBy: ['industry'], measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualRevenue' }] },
  },
};

interface Result {
  label: string;
  plan: string[];
  /** no sequential scan of the object's table */
  indexBacked: boolean;
  raw?: Figures;
  http: Record<string, Figures>;
  /** 1-minute load average at the start and the end of each HTTP measurement, by concurrency */
  load: Record<string, { start: number; end: number }>;
  target?: number;
}

async function main() {
  const deadline = setTimeout(() => {
    console.error('The aggregate bench ran for over an hour; stopping');
    process.exit(2);
  }, 3600_000);
  deadline.unref();
  const target = targetFor('postgres', contactCount);
  if (target.kind !== 'postgres') throw new Error('the aggregate bench runs on PostgreSQL');
  const workspace = await prepare(target, contactCount);
  // The server applies this checkout's migrations (its indexes) before the plans are explained, and
  // the bench's `score` field is created through its API; it is stopped while the raw SQL runs.
  console.log('Starting the server…');
  const setup = await startServer(target, workspace);
  try {
    await ensureBenchFields(setup, target, workspace.workspaceId);
  } finally {
    await setup.stop();
  }
  await measureAll(target, workspace);
}

async function measureAll(target: Extract<Target, { kind: 'postgres' }>, workspace: Workspace) {
  const db = await openTarget(target, 4);
  const { ctx, objects } = await adminObjects(db, workspace.workspaceId);

  const results: Record<string, Result> = {};
  const captured: Record<string, Captured> = {};
  for (const [key, op] of Object.entries(operations)) {
    const { db: fake, captured: sqls } = capturing();
    await aggregateRecords({ ...ctx, db: fake }, objects.get(op.object)!, op.body);
    captured[key] = sqls[0];
    const explained = await plain<{ 'QUERY PLAN': string }>(
      db,
      `EXPLAIN (ANALYZE, BUFFERS) ${sqls[0].text}`,
      sqls[0].params,
    );
    const plan = explained.map((r) => r['QUERY PLAN']);
    const indexBacked = !plan.some((line) => new RegExp(`Seq Scan on ${op.object}\\b`).test(line));
    results[key] = { label: op.label, plan, indexBacked, http: {}, load: {}, target: op.target };
    console.log(`\n${op.label}: ${indexBacked ? 'index-backed' : 'SEQUENTIAL SCAN'}\n  ${plan.join('\n  ')}`);
  }
  await db.close();

  console.log('\nRaw SQL through the driver, one client…');
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  for (const [key, q] of Object.entries(captured)) {
    results[key].raw = await loop(1, seconds, () => pool.query(q.text, q.params));
    console.log(
      `  ${results[key].label.padEnd(44)} p50 ${results[key].raw.p50} p95 ${results[key].raw.p95} ms`,
    );
  }
  await pool.end();

  console.log('Starting the server…');
  const server = await startServer(target, workspace);
  let loads: number[];
  try {
    loads = await measureHttp(server, results);
  } finally {
    await server.stop();
  }

  const lines = [
    `PostgreSQL, ${workspace.contacts} contacts, ${seconds} s per measurement, ${cpus().length} CPUs, load average up to ${Math.max(...loads)}`,
    `${'operation'.padEnd(44)} | plan  | raw p95 | HTTP p95 c=1 |     c=4 | target (c=1)`,
  ];
  for (const r of Object.values(results)) {
    const c1 = r.http['1'];
    const verdict =
      r.target === undefined
        ? ''
        : `<= ${r.target} ms ${c1.p95 <= r.target && !c1.errors ? 'met' : 'NOT MET'}`;
    lines.push(
      `${r.label.padEnd(44)} | ${r.indexBacked ? 'index' : 'SEQ  '} | ${String(r.raw?.p95).padStart(7)} | ${String(c1.p95).padStart(12)} | ${String(r.http['4'].p95).padStart(7)} | ${verdict}`,
    );
  }
  if (workspace.contacts !== 1_000_000)
    lines.push(`Note: the targets are set for 1,000,000 contacts; this run has ${workspace.contacts}.`);
  console.log(`\n${lines.join('\n')}\n`);
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const json = JSON.stringify(
    { at, contacts: workspace.contacts, seconds, concurrencies, loads, results },
    null,
    2,
  );
  writeFileSync(join(dir, 'aggregate-latest.json'), json);
  writeFileSync(join(dir, `aggregate-${contactCount}-${at.replace(/[:.]/g, '-')}.json`), json);
  console.log('Written to bench/results/aggregate-latest.json');
}

/** Every aggregate over HTTP at each concurrency; answers the load average at the end of each. */
async function measureHttp(server: Server, results: Record<string, Result>): Promise<number[]> {
  const loads: number[] = [];
  for (const c of concurrencies)
    for (const [key, op] of Object.entries(operations)) {
      const body = JSON.stringify(op.body);
      const start = await quiet(3, 45);
      const figures = await hammer(server, c, seconds, () => ({
        method: 'POST',
        path: `/api/v1/${op.object}/aggregate`,
        body,
      }));
      loads.push(load());
      results[key].http[String(c)] = figures;
      results[key].load[String(c)] = { start, end: load() };
      console.log(
        `  HTTP ${op.label.padEnd(44)} c=${c} p50 ${figures.p50} p95 ${figures.p95} p99 ${figures.p99} ms, ${figures.requestsPerSecond} req/s, ${figures.errors} failed, load ${start} → ${load()}`,
      );
    }
  return loads;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
