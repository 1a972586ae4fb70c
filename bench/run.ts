import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultPoolSize, postgresSessionOptions, type Database } from '../src/server/db/database';
import { writeTransaction } from '../src/server/engine';
import { openTarget, plain, prepare, root, targetFor, type Target } from './database';
import { compareWithBare, type BareComparison } from './bare';
import { hammer, startServer, type HttpRequest, type Server } from './http';
import { loadedRun, loadedTargetSize } from './loaded';
import { loop, type Figures } from './measure';
import { quoteBench } from './quotes';
import { runSuite, suiteIn, suites } from './suites';
import { atSize, checks, operationLabels, table, withRatios, type Operation, type Results } from './report';
import {
  buildWorkload,
  deepSort,
  listStages,
  newContact,
  updateSlice,
  asSent,
  withId,
  type Captured,
  type Workload,
} from './workload';

// `--run forecast` and the other issues' suites hand over to their own script and its options.
const suite = suiteIn(process.argv.slice(2));
if (suite) process.exit(await runSuite(suite, process.argv.slice(2)));

const { values: args } = parseArgs({
  options: {
    run: { type: 'string', default: 'all' },
    contacts: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    burst: { type: 'string', default: '100000' },
    'loaded-accounts': { type: 'string', default: '1000' },
    'loaded-contacts': { type: 'string', default: String(loadedTargetSize) },
    settle: { type: 'string', default: '30' },
    reuse: { type: 'boolean', default: false },
    ci: { type: 'boolean', default: false },
  },
});
// CI: small sizes and short measurements, so that the bench runs on every change; it fails on error answers, not on targets.
if (args.ci)
  Object.assign(args, {
    contacts: '2000',
    duration: '1',
    burst: '2000',
    'loaded-accounts': '100',
    'loaded-contacts': '2000',
    settle: '4',
  });
const contactCount = Number(args.contacts);
const seconds = Number(args.duration);
if (args.db !== 'postgres' && args.db !== 'pglite') throw new Error('--db takes postgres or pglite');
if (!['all', 'seeded', 'loaded', 'quotes'].includes(args.run))
  throw new Error(`--run takes all, seeded, loaded, quotes or one of: ${Object.keys(suites).join(', ')}`);
for (const name of ['contacts', 'loaded-contacts'] as const)
  if (!Number.isInteger(Number(args[name])) || Number(args[name]) < 1000)
    throw new Error(`--${name} takes a whole number >= 1000`);
const kind = args.db;
// In CI two clients show that concurrent requests work; 16 bulk writes at once take too long there.
const concurrencies = args.ci ? [1, 2] : [1, 16];
const burstSize = Number(args.burst);
const tag = Date.now().toString(36);
const results: Results = {};

/** The 1-minute load average at the end of each measurement: above the CPU count, something else shared the machine. */
const loads: number[] = [];

function put(op: Operation, c: number, side: 'api' | 'baseline', figures: Figures) {
  const byConcurrency = (results[op] ??= {});
  (byConcurrency[String(c)] ??= {})[side] = figures;
  print(op, c, side, figures);
}

function print(op: Operation, c: number, side: 'api' | 'baseline', f: Figures) {
  loads.push(Math.round(loadavg()[0] * 10) / 10);
  const records = f.recordsPerSecond ? `, ${f.recordsPerSecond} records/s` : '';
  const cpu = f.serverCpuMs === undefined ? '' : `, server CPU ${f.serverCpuMs} ms/request`;
  const rss = f.serverRssMb === undefined ? '' : `, RSS up to ${f.serverRssMb} MB`;
  console.log(
    `  ${side === 'api' ? 'HTTP    ' : 'baseline'} ${operationLabels[op].padEnd(30)} c=${String(c).padEnd(2)} p50 ${f.p50} p95 ${f.p95} p99 ${f.p99} ms, ${f.requestsPerSecond} req/s${records}${cpu}${rss}${f.errors ? `, ${f.errors} errors` : ''}`,
  );
}

/** Raw SQL through the driver with `clients` connections: a pg Pool, or the one in-process PGlite. */
async function rawRunner(target: Target, db: Database, clients: number) {
  if (target.kind === 'pglite') {
    const lite = db.pglite!;
    return {
      run: (q: Captured, params = q.params) => lite.query(q.text, params),
      close: async () => undefined,
    };
  }
  // The server's pool size, so that neither side has more connections to work with; the same
  // session settings the server's connections start with (src/server/db/database.ts).
  const pool = new pg.Pool({
    connectionString: target.url,
    max: Math.min(clients, defaultPoolSize),
    options: postgresSessionOptions,
  });
  // As the engine sends them: named where it prepares them (`preparedRows`).
  return {
    run: (q: Captured, params = q.params) => pool.query(asSent(q, params)),
    close: () => pool.end(),
  };
}

async function rawReads(target: Target, db: Database, w: Workload, ops: Operation[]) {
  for (const c of concurrencies) {
    const raw = await rawRunner(target, db, c);
    for (const op of ops) {
      if (op === 'list')
        put(op, c, 'baseline', await loop(c, seconds, (n) => raw.run(w.lists[n % w.lists.length].sql)));
      if (op === 'deepList')
        put(op, c, 'baseline', await loop(c, seconds, (n) => raw.run(w.deeps[n % w.deeps.length].sql)));
      if (op === 'get')
        put(
          op,
          c,
          'baseline',
          await loop(c, seconds, (n) =>
            raw.run(w.sql.get, withId(w.sql.get, w.ids[0], w.ids[n % w.ids.length])),
          ),
        );
      if (op === 'search' || op === 'searchAfterBurst')
        put(
          op,
          c,
          'baseline',
          await loop(c, seconds, (n) => raw.run(w.sql.searches[n % w.sql.searches.length])),
        );
    }
    await raw.close();
  }
}

/** The engine's own write functions in-process: what the write routes cost without HTTP, auth and JSON parsing. */
async function engineWrites(db: Database, w: Workload) {
  const { ctx, objects } = w;
  const engineCtx = { ...ctx, db };
  for (const c of concurrencies) {
    put(
      'create',
      c,
      'baseline',
      await loop(c, seconds, (n) =>
        writeTransaction(engineCtx, objects, (records) =>
          records.create('contacts', [{ body: newContact(w, n, `e${tag}`), path: '' }]),
        ),
      ),
    );
    put(
      'bulkCreate',
      c,
      'baseline',
      await loop(
        c,
        seconds,
        (n) =>
          writeTransaction(engineCtx, objects, (records) =>
            records.create(
              'contacts',
              Array.from({ length: 1000 }, (_, i) => ({
                body: newContact(w, n * 1000 + i, `eb${tag}`),
                path: `create.${i}`,
              })),
            ),
          ),
        1000,
      ),
    );
    put(
      'bulkUpdate',
      c,
      'baseline',
      await loop(
        c,
        seconds,
        (n) =>
          writeTransaction(engineCtx, objects, (records) =>
            records.update(
              'contacts',
              updateSlice(w, n, `e${tag}`).map(({ id, ...body }, i) => ({ id, body, path: `update.${i}` })),
            ),
          ),
        1000,
      ),
    );
  }
}

const get = (path: string): HttpRequest => ({ method: 'GET', path });
const post = (path: string, body: unknown): HttpRequest => ({
  method: 'POST',
  path,
  body: JSON.stringify(body),
});

async function httpPhase(server: Server, w: Workload) {
  const page = (variants: Workload['lists'], n: number) =>
    get(`/api/v1/contacts?${new URLSearchParams(variants[(n + variants.length) % variants.length].query)}`);
  for (const c of concurrencies) {
    put('list', c, 'api', await hammer(server, c, seconds, (n) => page(w.lists, n)));
    put('deepList', c, 'api', await hammer(server, c, seconds, (n) => page(w.deeps, n)));
    put(
      'get',
      c,
      'api',
      await hammer(server, c, seconds, (n) =>
        get(`/api/v1/contacts/${w.ids[(n + w.ids.length) % w.ids.length]}`),
      ),
    );
    put(
      'search',
      c,
      'api',
      await hammer(server, c, seconds, (n) =>
        get(
          `/api/v1/search?q=${encodeURIComponent(w.searches[(n + w.searches.length) % w.searches.length])}`,
        ),
      ),
    );
  }
  for (const c of concurrencies) {
    put(
      'create',
      c,
      'api',
      await hammer(server, c, seconds, (n) => post('/api/v1/contacts', newContact(w, n, `h${tag}`))),
    );
    put(
      'bulkCreate',
      c,
      'api',
      await hammer(
        server,
        c,
        seconds,
        (n) =>
          post('/api/v1/contacts/bulk', {
            create: Array.from({ length: 1000 }, (_, i) => newContact(w, n * 1000 + i, `hb${tag}`)),
          }),
        1000,
      ),
    );
    put(
      'bulkUpdate',
      c,
      'api',
      await hammer(
        server,
        c,
        seconds,
        (n) => post('/api/v1/contacts/bulk', { update: updateSlice(w, n + 1, `h${tag}`) }),
        1000,
      ),
    );
  }
  console.log(
    `Burst: ${burstSize} updates through POST /api/v1/contacts/bulk, 1,000 per request, 4 at a time…`,
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < burstSize / 1000) {
        const n = next++;
        const res = await fetch(`${server.base}/api/v1/contacts/bulk`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ update: updateSlice(w, n, `burst${tag}`) }),
        });
        if (!res.ok)
          throw new Error(`burst update answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
      }
    }),
  );
  const burstSeconds = (performance.now() - started) / 1000;
  console.log(
    `  burst took ${burstSeconds.toFixed(1)} s (${Math.round(burstSize / burstSeconds)} updates/s)`,
  );
  for (const c of concurrencies)
    put(
      'searchAfterBurst',
      c,
      'api',
      await hammer(server, c, seconds, (n) =>
        get(
          `/api/v1/search?q=${encodeURIComponent(w.searches[(n + w.searches.length) % w.searches.length])}`,
        ),
      ),
    );
  return {
    seconds: Math.round(burstSeconds * 10) / 10,
    updatesPerSecond: Math.round(burstSize / burstSeconds),
  };
}

/** Removes the contacts bench runs created (their emails are `bench.…@example.com`), so a reused database keeps its size. */
async function removeCreated(db: Database, workspaceId: string) {
  const created = `SELECT id FROM contacts WHERE workspace_id = $1 AND email LIKE 'bench.%@example.com'`;
  await plain(
    db,
    `DELETE FROM record_history WHERE workspace_id = $1 AND object = 'contacts' AND record_id IN (${created})`,
    [workspaceId],
  );
  await plain(db, `DELETE FROM contact_accounts WHERE workspace_id = $1 AND contact_id IN (${created})`, [
    workspaceId,
  ]);
  const removed = await plain(
    db,
    `DELETE FROM contacts WHERE workspace_id = $1 AND email LIKE 'bench.%@example.com' RETURNING 1`,
    [workspaceId],
  );
  if (removed.length) console.log(`Removed ${removed.length} contacts created by bench runs`);
}

/** The seeded run: `rapport seed` data (reused when it exists), baselines, then the API over HTTP. */
async function seededRun() {
  const target = targetFor(kind, contactCount);
  const workspace = await prepare(target, contactCount);
  let db = await openTarget(target, 16);
  await removeCreated(db, workspace.workspaceId);
  const w = await buildWorkload(db, workspace.workspaceId, workspace.contacts);
  console.log(
    `Workspace ${workspace.workspaceId}: ${workspace.contacts} contacts; ${w.lists.length} list pages (${listStages.join(', ')}), ${w.deeps.length} deep pages from ${w.deepDepth} rows into sort=${deepSort}; ${w.searches.length} search queries, e.g. ${w.searches
      .slice(0, 8)
      .map((q) => JSON.stringify(q))
      .join(', ')}`,
  );

  console.log('Baseline (in-process, before the server starts)…');
  await rawReads(target, db, w, ['list', 'deepList', 'get', 'search']);
  await engineWrites(db, w);
  await db.close();

  console.log('Starting the server…');
  const server = await startServer(target, workspace);
  let burst: { seconds: number; updatesPerSecond: number };
  let bare: BareComparison | undefined;
  try {
    console.log(`Server at ${server.base}, RSS at start ${server.memory.startMb} MB`);
    if (kind === 'postgres') {
      console.log('Beside a bare route over the same table and SQL…');
      bare = await compareWithBare(target, server, w, seconds);
    }
    burst = await httpPhase(server, w);
  } finally {
    await server.stop();
  }

  db = await openTarget(target, 16);
  console.log('Baseline search after the burst (server stopped)…');
  await rawReads(target, db, w, ['searchAfterBurst']);
  await removeCreated(db, workspace.workspaceId);
  await db.close();

  withRatios(results);
  const targetSize = kind === 'postgres' ? 1_000_000 : 200_000;
  const checked = atSize([...checks(kind, results, server.memory.maxMb), ...(bare?.checks ?? [])], {
    target: targetSize,
    measured: workspace.contacts,
  });
  const out = {
    at: new Date().toISOString(),
    db: kind,
    database: target.name,
    contacts: workspace.contacts,
    durationSeconds: seconds,
    concurrencies,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverages: loads },
    seeding: workspace.seeding,
    deepList: { depth: w.deepDepth, sort: deepSort, pages: w.deeps.length },
    lists: w.lists.map((v) => v.query),
    burst,
    memory: server.memory,
    bare,
    baselines:
      "reads: the exact SQL the engine runs (captured from listRecords/getRecordJson/searchAll), through the driver with the server's pool size; writes: the records service (create/update) in-process",
    targetsFor: kind === 'postgres' ? 'PostgreSQL, 1,000,000 contacts' : 'PGlite, 200,000 contacts',
    results,
    checks: checked,
  };
  writeResults('latest', `${kind}-${contactCount}`, out);

  console.log(
    `\n${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${workspace.contacts} contacts, ${seconds} s per measurement, ${cpus().length} CPUs`,
  );
  const seed = workspace.seeding;
  console.log(
    `Seeding: ${seed.contactsPerSecond ? `${seed.contactsPerSecond} contacts/s (${seed.seconds} s)` : 'speed not recorded'}${seed.reused ? ', database reused' : ''}`,
  );
  console.log(`Burst of ${burstSize} updates: ${burst.seconds} s, ${burst.updatesPerSecond} updates/s`);
  console.log(
    `Server memory: ${server.memory.startMb} MB at start, ${server.memory.maxMb} MB max RSS (${server.memory.samples} samples)`,
  );
  if (workspace.contacts !== targetSize)
    console.log(`Note: the targets are set for ${out.targetsFor}; this run has ${workspace.contacts}.`);
  console.log(`\n${table(results, checked)}\n`);
  console.log(`Written to bench/results/latest.json`);
  return errorCount(results);
}

/** The API-loaded PGlite run; its figures print as they come and in a table of their own. */
async function loadedBenchRun() {
  const loaded = await loadedRun({
    accounts: Number(args['loaded-accounts']),
    contacts: Number(args['loaded-contacts']),
    seconds,
    settleSeconds: Number(args.settle),
    concurrencies: args.ci ? [1, 2] : [1, 8],
    reuse: args.reuse,
    record: (op, c, figures) => print(op, c, 'api', figures),
  });
  const out = {
    at: new Date().toISOString(),
    db: 'pglite',
    durationSeconds: seconds,
    machine: { cpus: cpus().length, node: process.version, loadAverages: loads },
    targetsFor: `PGlite, ${loadedTargetSize.toLocaleString('en-US')} contacts loaded through the API`,
    ...loaded,
  };
  writeResults('loaded-latest', `loaded-${loaded.contacts}`, out);
  console.log(
    `\nPGlite loaded through the API: ${loaded.accounts} accounts, ${loaded.contacts} contacts ${loaded.reused ? 'loaded by an earlier run, server restarted' : `in ${loaded.load.seconds} s (${loaded.load.recordsPerSecond} records/s)`}, ${seconds} s per measurement; server max RSS ${loaded.memory.maxMb} MB`,
  );
  console.log(`\n${table(loaded.results, loaded.checks)}\n`);
  console.log(`Written to bench/results/loaded-latest.json`);
  return errorCount(loaded.results);
}

function writeResults(latest: string, name: string, out: { at: string }) {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(out, null, 2);
  writeFileSync(join(dir, `${latest}.json`), json);
  writeFileSync(join(dir, `${name}-${out.at.replace(/[:.]/g, '-')}.json`), json);
}

/** Error answers and failed calls over every measurement of a run, both sides. */
function errorCount(measured: Results): number {
  let n = 0;
  for (const byConcurrency of Object.values(measured))
    for (const m of Object.values(byConcurrency)) n += (m.api?.errors ?? 0) + (m.baseline?.errors ?? 0);
  return n;
}

async function main() {
  const deadline = setTimeout(() => {
    console.error('The bench ran for over 2 hours; stopping');
    process.exit(2);
  }, 2 * 3600_000);
  deadline.unref();
  let errors = 0;
  if (args.run === 'all' || args.run === 'quotes') await quoteBench();
  if (args.run === 'quotes') return 0;
  if (args.run !== 'loaded') errors += await seededRun();
  if (args.run !== 'seeded') errors += await loadedBenchRun();
  const busiest = Math.max(...loads);
  if (busiest > cpus().length + 1)
    console.log(
      `Warning: the load average reached ${busiest} on ${cpus().length} CPUs: other work shared the machine and the figures are pessimistic.`,
    );
  if (errors) console.log(`${errors} requests failed or answered an error: see the err column.`);
  return errors;
}

main().then(
  (errors) => process.exit(args.ci && errors > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
