/**
 * Data in and out (issue 13), measured over HTTP against the real server (built as `npm start` builds
 * it) on a fresh PostgreSQL database:
 *   1. a CSV of N realistic contacts with their companies (N/10), matched by email, uploaded as a
 *      browser uploads it and imported by the job queue: rows/s and the server's peak RSS;
 *   2. with `--again`, the same file again (every row matches its contact and updates it);
 *   3. the export of every contact to CSV (`GET /contacts/export?format=csv`), read as it streams;
 *   4. a full duplicate scan of the contacts (`POST /duplicates/scan`) until it ends.
 * The file is written once to bench/.data/imports-<N>.csv and reused.
 *
 *   npm run bench -- --run imports [--rows 100000] [--again] [--keep] [--reuse] [--skip-scan]
 * `--keep` leaves the database (rapport_bench_imports_<N>); `--reuse` measures the export and the scan
 * on a database an earlier run kept, without importing again.
 */
import { createWriteStream, existsSync, mkdirSync, openAsBlob, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createFaker, fakeAccount } from '../src/server/seed/people';
import { dataRoot, type Target } from './database';
import { startServer, type Server } from './http';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    again: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    'skip-scan': { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows);
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `rapport_bench_imports_${rows}`;
const target: Target = { kind: 'postgres', name, url: `postgres://postgres@127.0.0.1:5432/${name}` };
const targets = {
  importRowsPerSecond: 10_000,
  millionSeconds: 180,
  rssMb: 500,
  exportRowsPerSecond: 50_000,
  scanSeconds: 60,
};

// Area codes libphonenumber takes as valid, so no row is refused for its phone.
const areaCodes = '212 310 415 312 617 206 303 512 404 305 713 602 503 615 702 919 614 317 704 801'.split(
  ' ',
);

/** Realistic people at realistic companies, one row per contact, written once and reused. */
async function csvFile(n: number): Promise<string> {
  const path = join(dataRoot, `imports-v2-${n}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(dataRoot, { recursive: true });
  const faker = createFaker(13);
  const companies = Array.from({ length: Math.max(1, Math.round(n / 10)) }, () => {
    const account = fakeAccount(faker, '');
    return { company: account.name, domain: account.domain, city: account.billingAddress.city };
  });
  const out = createWriteStream(`${path}.part`);
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  out.write('First name,Last name,Email,Phone,Job title,Company,Website,City\n');
  for (let i = 0; i < n; i++) {
    const at = companies[i % companies.length];
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const line = [
      first,
      last,
      `${local}.${i.toString(36)}@${at.domain}`,
      // Twenty million valid numbers: a person's phone is rarely another's (the 100,000 of an earlier
      // version made a million contacts share each by tens).
      `+1 (${faker.helpers.arrayElement(areaCodes)}) ${faker.helpers.replaceSymbols('5##-####')}`,
      faker.person.jobTitle(),
      at.company,
      at.domain,
      at.city,
    ]
      .map(quote)
      .join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.part`, path);
  return path;
}

async function call<T>(server: Server, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

async function until<T extends { status: string }>(read: () => Promise<T>): Promise<T> {
  for (;;) {
    const state = await read();
    if (!['queued', 'running'].includes(state.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const mapping = {
  'First name': 'firstName',
  'Last name': 'lastName',
  Email: 'email',
  Phone: 'phone',
  'Job title': 'title',
  Company: 'account.name',
  Website: 'account.domain',
};

async function importFile(server: Server, path: string, round: string) {
  const form = new FormData();
  form.set('object', 'contacts');
  form.set('mapping', JSON.stringify(mapping));
  form.set('match', JSON.stringify({ field: 'email', onMatch: 'update' }));
  form.set('file', await openAsBlob(path), 'contacts.csv');
  server.memory.phaseMaxMb = 0;
  const started = performance.now();
  const res = await fetch(`${server.base}/api/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}` },
    body: form,
  });
  if (res.status !== 202) throw new Error(`the import answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const state = await until(() =>
    call<{ status: string; processed: number; counts: Record<string, number> }>(
      server,
      'GET',
      `/imports/${id}`,
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(rows / seconds);
  console.log(
    `import (${round}): ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${perSecond.toLocaleString('en')} rows/s, ` +
      `${state.status} ${JSON.stringify(state.counts)}; server RSS max ${server.memory.phaseMaxMb} MB`,
  );
  return { seconds, perSecond, rssMb: server.memory.phaseMaxMb, status: state.status, counts: state.counts };
}

async function exportAll(server: Server) {
  server.memory.phaseMaxMb = 0;
  const cpu = server.cpu();
  const started = performance.now();
  const res = await fetch(`${server.base}/api/v1/contacts/export?format=csv`, {
    headers: {
      authorization: `Bearer ${server.token}`,
      'accept-encoding': process.env.BENCH_ENCODING ?? 'gzip',
    },
  });
  if (!res.ok || !res.body) throw new Error(`the export answered ${res.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const exported = lines - 1;
  const perSecond = Math.round(exported / seconds);
  console.log(
    `export to CSV: ${exported.toLocaleString('en')} contacts, ${(bytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s = ` +
      `${perSecond.toLocaleString('en')} rows/s; server CPU ${(server.cpu() - cpu).toFixed(1)} s, RSS max ${server.memory.phaseMaxMb} MB`,
  );
  return { rows: exported, seconds, perSecond, rssMb: server.memory.phaseMaxMb };
}

async function scan(server: Server) {
  server.memory.phaseMaxMb = 0;
  const started = performance.now();
  const { id } = await call<{ id: string }>(server, 'POST', '/duplicates/scan', { object: 'contacts' });
  const state = await until(() =>
    call<{ status: string; scanned: number; pairs: number }>(server, 'GET', `/duplicates/scans/${id}`),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `duplicate scan: ${state.scanned.toLocaleString('en')} contacts in ${seconds.toFixed(1)} s, ${state.pairs} pairs, ${state.status}; ` +
      `server RSS max ${server.memory.phaseMaxMb} MB`,
  );
  return {
    seconds,
    scanned: state.scanned,
    pairs: state.pairs,
    status: state.status,
    rssMb: server.memory.phaseMaxMb,
  };
}

const path = await csvFile(rows);
console.log(`file: ${path}, ${(statSync(path).size / 1048576).toFixed(0)} MiB`);
if (!args.reuse) {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}
const server = await startServer(target, {
  email: 'bench@bench-import.example',
  password: 'bench-password-1',
  workspaceName: args.reuse ? undefined : 'Bench imports',
});
try {
  const first = args.reuse ? null : await importFile(server, path, 'every row new');
  const again = args.again ? await importFile(server, path, 'every row matched and updated') : null;
  const exported = await exportAll(server);
  const scanned = args['skip-scan'] ? null : await scan(server);
  const n = (v: number) => v.toLocaleString('en');
  const line = (what: string, figure: string, met: boolean) =>
    console.log(`  ${what}: ${figure} (${met ? 'met' : 'NOT MET'})`);
  console.log(
    `\ntargets (import set for 100,000 rows, export and scan for 1,000,000; this run: ${n(rows)}):`,
  );
  if (first) {
    line(
      `import ≥ ${n(targets.importRowsPerSecond)} rows/s`,
      n(first.perSecond),
      first.perSecond >= targets.importRowsPerSecond,
    );
    line(
      `server RSS < ${targets.rssMb} MB while importing`,
      `${first.rssMb} MB`,
      first.rssMb < targets.rssMb,
    );
    if (rows >= 1_000_000)
      line(
        `1M rows ≤ ${targets.millionSeconds} s`,
        `${first.seconds.toFixed(0)} s`,
        first.seconds <= targets.millionSeconds,
      );
  }
  if (again)
    line(
      'import again, every row matched',
      `${n(again.perSecond)} rows/s`,
      again.perSecond >= targets.importRowsPerSecond,
    );
  line(
    `export ≥ ${n(targets.exportRowsPerSecond)} rows/s`,
    n(exported.perSecond),
    exported.perSecond >= targets.exportRowsPerSecond,
  );
  if (scanned)
    line(
      `duplicate scan ≤ ${targets.scanSeconds} s`,
      `${scanned.seconds.toFixed(1)} s`,
      scanned.seconds <= targets.scanSeconds,
    );
} finally {
  await server.stop();
  if (!args.keep && !args.reuse) {
    const cleanup = new pg.Client(adminUrl);
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
